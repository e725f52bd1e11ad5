package org.allianceportal.notifications.preference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.allianceportal.core.shared.KeyRing;
import org.junit.jupiter.api.Test;

/** Links in e-mails sent before the links' key was replaced keep working while the old key id is kept. */
class SignedTokensTest {

    static final String FIRST = "the-first-link-key-of-at-least-32-chars";
    static final String SECOND = "the-second-link-key-of-at-least-32-chars";

    static SignedTokens tokens(String id, String secret, String earlier) {
        SignedTokens tokens = new SignedTokens();
        tokens.ring = KeyRing.of(id, secret, earlier);
        return tokens;
    }

    @Test
    void a_link_names_its_key_and_survives_a_rotation_that_keeps_that_key() {
        String link = tokens("1", FIRST, null).sign("unsubscribe", "u-alice\nconcern.raised");
        assertThat(link).startsWith("1.");

        SignedTokens rotated = tokens("2", SECOND, "1:" + FIRST);
        assertThat(rotated.read("unsubscribe", link)).contains("u-alice\nconcern.raised");
        assertThat(rotated.read("calendar-feed", link)).as("made for another purpose").isEmpty();
        assertThat(rotated.sign("unsubscribe", "u-alice\nconcern.raised")).startsWith("2.");

        assertThat(tokens("2", SECOND, null).read("unsubscribe", link)).as("key 1 retired").isEmpty();
        String[] parts = link.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("u-bruno\nconcern.raised".getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(rotated.read("unsubscribe", forged)).as("another person's name under alice's signature").isEmpty();
    }

    @Test
    void links_from_before_key_ids_count_as_key_0() {
        String subject = "u-alice";
        String legacy = Base64.getUrlEncoder().withoutPadding().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                        KeyRing.mac(new KeyRing.Key("0", FIRST), "calendar-feed", subject));
        assertThat(tokens("1", SECOND, "0:" + FIRST).read("calendar-feed", legacy)).contains(subject);
        assertThat(tokens("1", SECOND, null).read("calendar-feed", legacy)).isEmpty();
        assertThat(tokens("1", SECOND, null).read("calendar-feed", "a.b.c.d")).isEmpty();
        assertThat(tokens("1", SECOND, null).read("calendar-feed", null)).isEmpty();
    }
}
