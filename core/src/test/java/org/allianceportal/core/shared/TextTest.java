package org.allianceportal.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.allianceportal.core.commitment.Commitment;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.concern.Concern;
import org.allianceportal.core.concern.Severity;
import org.allianceportal.core.shared.DomainException.InvalidInput;
import org.junit.jupiter.api.Test;

/** The domain's rules for free text, each legal and illegal case, and the titles that follow them. */
class TextTest {

    final Cast cast = new Cast();

    @Test
    void blank_text_is_absent_and_text_is_kept_trimmed() {
        assertThat(Text.optional("note", null)).isNull();
        assertThat(Text.optional("note", " \t\r\n ")).isNull();
        assertThat(Text.optional("note", "  Seen.  ")).isEqualTo("Seen.");
        assertThatThrownBy(() -> Text.required("note", "   ", "Write a note."))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsExactly(
                        Map.entry("note", "Write a note.")));
    }

    @Test
    void text_of_exactly_the_limit_is_kept_and_one_character_more_is_refused_with_the_limit_named() {
        String atLimit = "x".repeat(Text.LONG_MAX);
        assertThat(Text.optional("note", atLimit)).isEqualTo(atLimit);
        assertThatThrownBy(() -> Text.optional("note", atLimit + "x"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors.get("note"))
                        .contains("at most 4000 characters", "(this has 4001)"));
        assertThat(Text.required("title", "x".repeat(200), 200, "Name it.")).hasSize(200);
        assertThatThrownBy(() -> Text.required("title", "x".repeat(201), 200, "Name it."))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors.get("title"))
                        .contains("at most 200 characters"));
    }

    @Test
    void characters_are_counted_as_people_count_them_not_in_utf16_units() {
        String emoji = "\uD83D\uDE80"; // one rocket, two UTF-16 units
        assertThat(Text.required("title", emoji.repeat(200), 200, "Name it.")).isEqualTo(emoji.repeat(200));
        assertThatThrownBy(() -> Text.required("title", emoji.repeat(201), 200, "Name it."))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors.get("title"))
                        .contains("(this has 201)"));
    }

    @Test
    void control_characters_are_refused_but_tabs_and_line_breaks_are_text() {
        for (String control : new String[] {"\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\u009F"}) {
            assertThatThrownBy(() -> Text.optional("note", "before" + control + "after"))
                    .as("U+%04X", (int) control.charAt(0))
                    .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors.get("note"))
                            .contains("control characters"));
        }
        assertThat(Text.optional("note", "line one\r\nline two\tand a tab")).isEqualTo("line one\r\nline two\tand a tab");
    }

    @Test
    void checks_that_report_every_field_at_once_collect_each_refusal_and_return_the_clean_text() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(Text.check(errors, "title", "  Fine  ", 200, "Name it.")).isEqualTo("Fine");
        assertThat(Text.check(errors, "summary", null, 200, null)).isNull();
        Text.check(errors, "description", null, 4000, "Describe it.");
        Text.check(errors, "reason", "a\u0000b", 4000, null);
        Text.check(errors, "heading", "x".repeat(201), 200, null);
        assertThat(errors).containsOnlyKeys("description", "reason", "heading");
        assertThat(errors.get("description")).isEqualTo("Describe it.");
    }

    @Test
    void a_commitment_title_of_5000_characters_or_with_a_nul_is_a_field_error() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        CommitmentTerms longTitle = new CommitmentTerms("x".repeat(5000), "fine", cast.acme.id, cast.globex.id,
                today.plusDays(7));
        assertThatThrownBy(() -> Commitment.propose(cast.acmeMember, cast.alliance, longTitle, today))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("title").extractingByKey("title").asString()
                        .contains("at most " + Commitment.TITLE_MAX + " characters"));
        CommitmentTerms nul = new CommitmentTerms("Deck", "a\u0000b", cast.acme.id, cast.globex.id, today.plusDays(7));
        assertThatThrownBy(() -> Commitment.propose(cast.acmeMember, cast.alliance, nul, today))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors).containsOnlyKeys("description"));
    }

    @Test
    void a_concern_title_with_a_nul_and_an_overlong_description_are_both_reported() {
        assertThatThrownBy(() -> Concern.raise(cast.acmeMember, cast.alliance, cast.globex.id, Severity.LOW, "Late\u0000",
                "y".repeat(Text.LONG_MAX + 1), null, Cast.NOW))
                .isInstanceOfSatisfying(InvalidInput.class, e -> assertThat(e.fieldErrors)
                        .containsOnlyKeys("title", "description"));
    }
}
