package org.allianceportal.core.pulse;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a round may show: per statement, the average of each organisation that gave at least
 * {@link Pulse#MIN_ANSWERS} answers, and the gap between those organisations (only when two or more
 * qualify). An organisation with fewer answers appears only by name in {@code tooFew}: no average, no
 * count, and no part in any gap, so nothing of its few answers can be worked out.
 */
public record PulseResults(long roundId, Instant opensAt, Instant closesAt, List<Statement> statements,
        List<String> tooFew) {

    /** One statement: organisation name -> average (qualifying organisations only), and the gap between them. */
    public record Statement(int number, String text, Map<String, Double> averages, Double gap, String lowest,
            String highest) {
    }

    public boolean showsAnything() {
        return statements.stream().anyMatch(s -> !s.averages().isEmpty());
    }
}
