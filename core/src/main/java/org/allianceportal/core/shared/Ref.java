package org.allianceportal.core.shared;

/**
 * Addresses one aggregate inside one alliance as the user saw it: the alliance (for scoping),
 * the aggregate's id, and the version the user's form was rendered from (for lost-update detection).
 */
public record Ref(long allianceId, long id, long version) {
}
