package org.allianceportal.core.health;

import java.util.List;

/** The index (null while there is no record to read) and every point it lost, largest loss first. */
public record Score(Integer index, List<Loss> losses) {

    public boolean scored() {
        return index != null;
    }

    public int lost() {
        return losses.stream().mapToInt(Loss::points).sum();
    }
}
