package org.allianceportal.portal.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.allianceportal.core.log.LogEntry;
import org.junit.jupiter.api.Test;

/** The history's sentences for who can see an alliance. */
class LogSentencesTest {

    static LogEntry entry(String action, String actorOrganisation, String payload) {
        LogEntry e = new LogEntry();
        e.action = action;
        e.actorName = "Ada Admin";
        e.actorOrganisation = actorOrganisation;
        e.payload = payload;
        return e;
    }

    @Test
    void access_changes_read_as_sentences_and_other_entries_keep_their_words() {
        assertThat(LogSentences.sentence(entry("person.removed", "Globex Inc",
                "{\"organisation\":\"Globex Inc\",\"person\":\"Bella Brown\",\"role\":\"member\"}")))
                .isEqualTo("Globex Inc removed Bella Brown (member) from Globex Inc");
        assertThat(LogSentences.sentence(entry("person.invited", null,
                "{\"organisation\":\"Hooli\",\"person\":\"Hank Hooli\",\"role\":\"lead\"}")))
                .isEqualTo("Ada Admin invited Hank Hooli (lead) of Hooli");
        assertThat(LogSentences.sentence(entry("alliance.party_people", null,
                "{\"organisation\":\"Hooli\",\"people\":[\"Hank Hooli (lead)\"]}")))
                .isEqualTo("From Hooli these people see the alliance: Hank Hooli (lead)");
        assertThat(LogSentences.sentence(entry("concern.raised", "Acme Corp", "{}"))).isNull();
    }
}
