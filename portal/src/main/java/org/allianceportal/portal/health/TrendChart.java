package org.allianceportal.portal.health;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.allianceportal.core.health.HealthSnapshot;

/**
 * The weekly snapshots as an SVG line chart drawn on the server (no script): one point per week of the
 * last {@code weeks}, the index from 0 (bottom) to 100 (top), and the alliance's warning and urgent lines.
 */
public record TrendChart(int width, int height, String line, List<Dot> dots, double warnY, double urgentY,
        String firstWeek, String lastWeek, boolean empty) {

    /** One snapshot: where it is drawn and what it says when pointed at. */
    public record Dot(String x, String y, String label) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 220;
    static final int PAD = 24;

    public static TrendChart of(List<HealthSnapshot> snapshots, LocalDate thisWeek, int weeks, int warnBelow,
            int urgentBelow) {
        LocalDate first = thisWeek.minusWeeks(weeks - 1L);
        double step = (WIDTH - 2.0 * PAD) / Math.max(1, weeks - 1);
        List<Dot> dots = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (HealthSnapshot s : snapshots) {
            if (s.index == null || s.week.isBefore(first)) {
                continue;
            }
            long n = java.time.temporal.ChronoUnit.WEEKS.between(first, s.week);
            String x = format(PAD + n * step);
            String y = format(y(s.index));
            line.append(line.isEmpty() ? "" : " ").append(x).append(',').append(y);
            dots.add(new Dot(x, y, "Week of " + s.week + ": " + s.index));
        }
        return new TrendChart(WIDTH, HEIGHT, line.toString(), dots, y(warnBelow), y(urgentBelow), first.toString(),
                thisWeek.toString(), dots.isEmpty());
    }

    /** The height of an index value: 100 at the top padding, 0 at the bottom one. */
    static double y(int index) {
        return PAD + (HEIGHT - 2.0 * PAD) * (100 - index) / 100.0;
    }

    public int bottom() {
        return HEIGHT - PAD;
    }

    public int right() {
        return WIDTH - PAD;
    }

    public int labelY() {
        return HEIGHT - 6;
    }

    public double warnLabelY() {
        return warnY - 3;
    }

    public int left() {
        return PAD;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
