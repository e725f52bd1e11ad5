package org.allianceportal.notifications.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a notice says to a person: a short subject, one sentence (what happened, what is expected of
 * the reader and by when), the key facts, and the words of its one button. The e-mail's text and HTML
 * parts are both made from these; a delivery keeps them in its body.
 */
public record Words(String subject, String sentence, List<Fact> facts, String action) {

    /** One fact: "Acknowledge by" / "Thu 10 Jan 2030, 10:00 UTC"; a digest's facts link to their notice. */
    public record Fact(String label, String value, String link) {

        public Fact(String label, String value) {
            this(label, value, null);
        }

        /** Spans lines (a description, an agenda): shown under its label rather than beside it. */
        public boolean spansLines() {
            return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        }

        /** The value with each line indented by two spaces, under its label in the text part. */
        public String indented() {
            return value.lines().map(line -> "  " + line).collect(Collectors.joining("\n"));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Words {
        facts = List.copyOf(facts);
    }

    /** Builds the facts in order, leaving out those without a value. */
    public static final class Facts {
        private final List<Fact> facts = new ArrayList<>();

        public Facts add(String label, Object value) {
            if (value != null && !String.valueOf(value).isBlank()) {
                facts.add(new Fact(label, String.valueOf(value).strip()));
            }
            return this;
        }

        public Facts add(Fact fact) {
            facts.add(fact);
            return this;
        }

        public List<Fact> list() {
            return facts;
        }
    }

    String toBody() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The words a delivery keeps; one planned before notices had words of their own is its text as the sentence. */
    static Words ofBody(String subject, String body) {
        if (body.startsWith("{")) {
            try {
                return JSON.readValue(body, Words.class);
            } catch (JsonProcessingException e) {
                // not ours: shown as written
            }
        }
        return new Words(subject, body.strip(), List.of(), "Open it in the portal");
    }
}
