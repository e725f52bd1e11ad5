package org.allianceportal.core.commitment;

import java.time.LocalDate;

/** What a proposal says: what is owed, by which organisation, to which, by when. */
public record CommitmentTerms(String title, String description, Long ownerId, Long beneficiaryId, LocalDate dueDate) {
}
