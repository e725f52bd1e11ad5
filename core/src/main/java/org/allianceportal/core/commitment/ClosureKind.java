package org.allianceportal.core.commitment;

/** How a commitment ends without delivery; either needs the agreement of both leads. */
public enum ClosureKind {
    /** The owner is released because the commitment no longer makes sense. */
    WITHDRAW,
    /** The beneficiary gives up its claim. */
    WAIVE
}
