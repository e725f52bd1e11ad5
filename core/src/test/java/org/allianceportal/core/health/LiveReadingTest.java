package org.allianceportal.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentState;
import org.allianceportal.core.overview.StateCounts;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's index and the health page's come from one reading per log size and minute: the same at the
 * same moment, read again as soon as the record changes (every change appends to the log) or a minute passes.
 */
@QuarkusTest
class LiveReadingTest {

    static final Instant T0 = Instant.parse("2025-10-01T09:00:00Z");

    @Inject
    History history;

    @Inject
    TrustHealth health;

    @Inject
    StateCounts counts;

    @Test
    void the_dashboard_and_the_health_page_share_a_reading_until_the_log_grows_or_the_minute_passes() {
        History.Story s = history.startingAt(T0);
        long a = s.alliance(0, s.acme, s.globex);
        Commitment c = s.deliver(a, 5, s.agreed(a, 1, s.acme, s.globex, 20));

        TrustHealth.Health page = s.at(6, () -> health.of(s.alice, a));
        Score dashboard = s.at(6, () -> health.score(page.alliance()));
        assertThat(dashboard.index()).isEqualTo(page.score().index());
        assertThat(s.at(6, () -> health.of(s.bruno, a)).reading()).as("kept for the same log size and minute")
                .isSameAs(page.reading());
        assertThat(page.reading().party(s.acme.id).disputes).isZero();

        s.dispute(a, 6, c);
        TrustHealth.Health disputed = s.at(6, () -> health.of(s.alice, a));
        assertThat(disputed.reading().party(s.acme.id).disputes).as("the change shows at once").isEqualTo(1);
        assertThat(s.at(6, () -> health.score(page.alliance())).index()).isEqualTo(disputed.score().index())
                .isLessThan(page.score().index());
        assertThat(counts.of(page.alliance()).commitments()).containsEntry(CommitmentState.DISPUTED, 1L);

        assertThat(s.at(6 + 1.0 / 24 / 60, () -> health.of(s.alice, a)).reading()).as("a minute later, read again")
                .isNotSameAs(disputed.reading());
    }
}
