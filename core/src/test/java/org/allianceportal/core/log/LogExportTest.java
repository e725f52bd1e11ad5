package org.allianceportal.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.Test;

/**
 * The export of a log of 100,000 entries, streamed into a stream that keeps only counts and the last
 * line: every entry in order, then the checkpoint. (Its memory in a 16 MB heap is measured in bench/.)
 */
@QuarkusTest
class LogExportTest {

    static final int ENTRIES = 100_000;

    @Inject
    World world;

    @Inject
    TransparencyLog log;

    @Inject
    EntityManager em;

    /** Counts lines, checks that each entry line carries the next index, and keeps the last line. */
    static final class Lines extends OutputStream {
        long lines;
        long indexesInOrder;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String last;

        @Override
        public void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            last = line.toString(StandardCharsets.UTF_8);
            if (last.startsWith("{\"index\":" + lines + ",")) {
                indexesInOrder++;
            }
            lines++;
            line.reset();
        }
    }

    @Test
    void a_log_of_100_000_entries_streams_every_entry_then_the_checkpoint() throws Exception {
        Setup w = world.twoParties();
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.treeSize = ENTRIES;
        checkpoint.note = "test checkpoint of size " + ENTRIES + "\n";
        Lines out = new Lines();
        // loaded and exported in one transaction that is rolled back: the export's pages read through the
        // transaction's connection, and no 100,000-entry log without a tree is left for other tests
        QuarkusTransaction.begin();
        try {
            em.createNativeQuery("""
                    insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, action, subject_type,
                                           subject_id, payload)
                    select ?1, s, now(), 'bulk', 'Bulk', 'test.loaded', 'alliance', ?1,
                           '{"n":' || s || ',"text":"a typical small payload"}'
                    from generate_series(1, ?2 - 1) s""")
                    .setParameter(1, w.alliance().id).setParameter(2, ENTRIES).executeUpdate();
            log.export(w.acmeLead(), w.alliance().id, checkpoint).writeTo(out);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(out.lines).isEqualTo(ENTRIES + 1);
        assertThat(out.indexesInOrder).isEqualTo(ENTRIES);
        assertThat(out.last).isEqualTo("{\"checkpoint\":\""
                + Base64.getEncoder().encodeToString(checkpoint.note.getBytes(StandardCharsets.UTF_8)) + "\"}");
    }
}
