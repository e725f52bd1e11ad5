package org.allianceportal.core.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Rotating a secret: what the earlier key made still holds while that key stays in the ring, and not after. */
class KeyRingTest {

    static final String OLD = "an-old-secret-of-more-than-32-characters";
    static final String NEW = "a-new-secret-of-more-than-32-characters!";

    @Test
    void a_signature_names_its_key_and_still_verifies_after_rotation_while_the_old_key_is_kept() {
        KeyRing before = KeyRing.of("1", OLD, "");
        String signed = before.sign("unsubscribe", "alice");
        assertThat(signed).startsWith("1.");
        assertThat(before.verify("unsubscribe", "alice", signed)).isTrue();
        assertThat(before.verify("calendar-feed", "alice", signed)).as("another purpose").isFalse();
        assertThat(before.verify("unsubscribe", "bruno", signed)).as("another subject").isFalse();

        KeyRing rotated = KeyRing.of("2", NEW, "1:" + OLD);
        assertThat(rotated.verify("unsubscribe", "alice", signed)).as("made by key 1, kept as an earlier key").isTrue();
        assertThat(rotated.sign("unsubscribe", "alice")).startsWith("2.").isNotEqualTo(signed);

        KeyRing retired = KeyRing.of("2", NEW, "");
        assertThat(retired.verify("unsubscribe", "alice", signed)).as("key 1 dropped from the ring").isFalse();
        assertThat(KeyRing.of("1", NEW, "").verify("unsubscribe", "alice", signed))
                .as("the same id with another secret").isFalse();
    }

    @Test
    void sealed_text_opens_under_its_key_and_not_once_altered_or_its_key_is_gone() {
        KeyRing before = KeyRing.of("1", OLD, null);
        String sealed = before.seal("id-token|access-token|refresh-token");
        assertThat(sealed).startsWith("1.").doesNotContain("token");
        assertThat(before.open(sealed)).contains("id-token|access-token|refresh-token");
        assertThat(before.seal("same")).as("a fresh IV each time").isNotEqualTo(before.seal("same"));

        KeyRing rotated = KeyRing.of("2", NEW, "1:" + OLD);
        assertThat(rotated.open(sealed)).contains("id-token|access-token|refresh-token");
        assertThat(rotated.seal("x")).startsWith("2.");
        assertThat(KeyRing.of("2", NEW, "").open(sealed)).isEmpty();

        char last = sealed.charAt(sealed.length() - 1);
        assertThat(before.open(sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A'))).isEmpty();
        assertThat(KeyRing.of("9", OLD, "").open("9" + sealed.substring(1))).as("the key id is authenticated").isEmpty();
        assertThat(before.open("garbage")).isEmpty();
        assertThat(before.open("1.!!")).isEmpty();
    }

    @Test
    void a_ring_refuses_ids_that_cannot_travel_in_a_token_and_never_repeats_a_secret_in_its_messages() {
        assertThatThrownBy(() -> KeyRing.of("a.b", NEW, "")).hasMessageContaining("key id 'a.b'");
        assertThatThrownBy(() -> KeyRing.of("2", NEW, "1" + OLD)).hasMessageContaining("id:secret").hasMessageNotContaining(OLD);
        assertThatThrownBy(() -> KeyRing.of("2", NEW, "2:" + OLD)).hasMessageContaining("used twice").hasMessageNotContaining(OLD);
        assertThatThrownBy(() -> KeyRing.of("2", " ", "")).hasMessageContaining("no secret");
        assertThat(KeyRing.of("2", NEW, " 1:" + OLD + " , 0:" + OLD).all()).extracting(KeyRing.Key::id)
                .containsExactly("2", "1", "0");
        assertThat(KeyRing.of("2", NEW, "").current().toString()).doesNotContain(NEW);
    }
}
