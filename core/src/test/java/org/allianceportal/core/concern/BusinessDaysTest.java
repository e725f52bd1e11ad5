package org.allianceportal.core.concern;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaysTest {

    @ParameterizedTest(name = "{0} + {1} business days = {2}")
    @CsvSource({
            // Monday 2026-11-23 .. Sunday 2026-11-29
            "2026-11-23T09:00:00Z, 1, 2026-11-24T09:00:00Z",  // Mon -> Tue
            "2026-11-26T09:00:00Z, 1, 2026-11-27T09:00:00Z",  // Thu -> Fri
            "2026-11-27T09:00:00Z, 1, 2026-11-30T09:00:00Z",  // Fri -> Mon, the weekend skipped
            "2026-11-27T23:30:00Z, 3, 2026-12-02T23:30:00Z",  // Fri late -> Wed
            "2026-11-28T12:00:00Z, 1, 2026-11-30T12:00:00Z",  // Sat -> Mon
            "2026-11-29T12:00:00Z, 1, 2026-11-30T12:00:00Z",  // Sun -> Mon
            "2026-11-25T10:00:00Z, 5, 2026-12-02T10:00:00Z",  // Wed + a working week
            "2026-11-20T10:00:00Z, 10, 2026-12-04T10:00:00Z", // two weekends
            "2026-11-25T10:00:00Z, 0, 2026-11-25T10:00:00Z",
    })
    void weekends_do_not_count(String from, int days, String expected) {
        assertThat(BusinessDays.add(Instant.parse(from), days)).isEqualTo(Instant.parse(expected));
    }
}
