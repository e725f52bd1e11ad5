package org.allianceportal.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.allianceportal.core.health.History;
import org.allianceportal.core.shared.TimeKeeper;
import org.junit.jupiter.api.Test;

/**
 * Figures kept per log size and minute (a dashboard's lists, per party) are used again within the minute, and let go
 * when it turns, so that memory holds only those of the alliances visited in the last minute.
 */
@QuarkusTest
class ByLogSizeTest {

    static final Instant T0 = Instant.parse("2025-11-03T09:00:00Z");

    @Inject
    History history;

    @Inject
    ByLogSize record;

    @Inject
    TimeKeeper time;

    @Inject
    TransparencyLog log;

    @Test
    void a_figure_of_a_past_minute_is_let_go_when_the_minute_turns() {
        History.Story s = history.startingAt(T0);
        long a = s.alliance(0, s.acme, s.globex);
        Instant minute = s.day(1);
        Object first = time.at(minute, () -> record.thisMinute("lists", a, Object::new));
        assertThat(time.at(minute.plusSeconds(59), () -> record.thisMinute("lists", a, Object::new)))
                .as("the same minute and log").isSameAs(first);
        assertThat(record.keeps("lists", a)).isTrue();

        time.at(minute.plusSeconds(60), () -> record.thisMinute("other lists", a, Object::new));
        assertThat(record.keeps("lists", a)).as("a minute later").isFalse();
        assertThat(record.keeps("other lists", a)).isTrue();
    }

    @Test
    void a_figure_worked_out_after_an_append_in_the_same_transaction_is_not_kept() {
        History.Story s = history.startingAt(T0);
        long a = s.alliance(0, s.acme, s.globex);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            log.append(s.alice, a, "test.noted", "alliance", a, Map.of(), List.of(), false);
            record.of("after a change", a, Object::new);
            throw new IllegalStateException("undone"); // rolled back: that size may go to another change
        })).hasMessage("undone");
        assertThat(record.keeps("after a change", a)).as("worked out for the transaction only").isFalse();

        Object committed = record.of("after a change", a, Object::new);
        assertThat(record.keeps("after a change", a)).isTrue();
        assertThat(record.of("after a change", a, Object::new)).isSameAs(committed);
    }
}
