package org.allianceportal.core.shared;

import java.util.List;
import org.allianceportal.core.alliance.Alliance;
import org.allianceportal.core.alliance.Organisation;

/** An aggregate on an alliance's record: what {@link Commands} needs to log a change to it and tell the others. */
public interface Recordable {

    /** The alliance whose record it is on. */
    Alliance alliance();

    /** How the transparency log names its kind, e.g. {@code "commitment"}. */
    String subjectType();

    /** Where its lifecycle stands; every change records it. */
    Enum<?> state();

    /** Who must hear of a change the actor made: the other side, or every side when the portal itself acts. */
    List<Organisation> audience(Actor actor);
}
