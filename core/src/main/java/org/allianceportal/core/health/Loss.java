package org.allianceportal.core.health;

import java.util.List;

/**
 * Points the index lost for one signal, in plain words, naming the organisation (null for the alliance
 * as a whole) and the records behind it ({@code subjectType} "commitment", "concern", "checkin", or
 * "history" for the organisation's entries in the log).
 */
public record Loss(String signal, Long organisationId, String organisation, int points, String reason,
        String subjectType, List<Long> ids) {
}
