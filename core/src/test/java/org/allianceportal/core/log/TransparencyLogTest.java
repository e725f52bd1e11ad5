package org.allianceportal.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.log.merkle.Merkle;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored Merkle tree against the entries it was built from, on the real PostgreSQL. */
@QuarkusTest
class TransparencyLogTest {

    @Inject
    World world;

    @Inject
    CommitmentService commitments;

    @Inject
    LogTree tree;

    @Inject
    EntityManager em;

    @Inject
    TransparencyLog log;

    Setup w;

    @BeforeEach
    void setUp() {
        w = world.twoParties();
        for (int i = 0; i < 12; i++) {
            commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms("Deliverable " + i, null,
                    w.acme().id, w.globex().id, LocalDate.now().plusDays(10 + i)));
        }
    }

    @Test
    void the_stored_tree_has_the_root_of_the_entries_and_proves_each_of_them() {
        List<LogEntry> entries = LogEntry.list("allianceId = ?1 order by seq", w.alliance().id);
        assertThat(entries).hasSize(13);
        byte[][] leaves = entries.stream().map(e -> Merkle.leafHash(e.leafBytes())).toArray(byte[][]::new);
        QuarkusTransaction.requiringNew().run(() -> {
            for (int size = 1; size <= leaves.length; size++) {
                byte[] root = tree.root(w.alliance().id, size);
                assertThat(root).as("root of size " + size).isEqualTo(reference(leaves, size));
                for (int i = 0; i < size; i++) {
                    assertThat(Merkle.verifyInclusion(i, size, leaves[i], tree.inclusionProof(w.alliance().id, i, size),
                            root)).as("leaf " + i + " of " + size).isTrue();
                }
                for (int first = 1; first < size; first++) {
                    assertThat(Merkle.verifyConsistency(first, size, tree.consistencyProof(w.alliance().id, first, size),
                            tree.root(w.alliance().id, first), root)).as(first + " -> " + size).isTrue();
                }
            }
        });
    }

    @Test
    void the_leaf_bytes_are_the_documented_canonical_json() {
        LogEntry first = LogEntry.find("allianceId = ?1 and seq = 1", w.alliance().id).singleResult();
        String leaf = new String(first.leafBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(leaf).startsWith("{\"action\":\"commitment.proposed\",\"actor\":{\"name\":\"Anna\",\"organisation\":\""
                + w.acme().name + "\",\"user\":\"" + w.acmeMember().userId() + "\"},\"alliance\":" + w.alliance().id
                + ",\"at\":\"" + first.recordedAt + "\",\"payload\":" + first.payload + ",\"seq\":1,\"subject\":{\"id\":");
        assertThat(leaf).endsWith(",\"type\":\"commitment\"}}");
    }

    @Test
    void the_database_refuses_to_change_or_remove_log_rows() {
        for (String sql : List.of(
                "update log_entry set payload = '{}' where alliance_id = " + w.alliance().id,
                "delete from log_entry where alliance_id = " + w.alliance().id,
                "update log_node set hash = hash where alliance_id = " + w.alliance().id,
                "delete from log_node where alliance_id = " + w.alliance().id,
                "truncate log_entry cascade")) {
            assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate()))
                    .as(sql).hasStackTraceContaining("append-only");
        }
        assertThat(LogEntry.count("allianceId", w.alliance().id)).isEqualTo(13);
    }

    @Test
    void the_log_head_only_moves_with_an_append_and_is_never_removed() {
        long id = w.alliance().id;
        Map<String, String> refusals = Map.of(
                "update log_head set size = 0 where alliance_id = " + id, "only moves by one appended entry",
                "update log_head set size = size + 2 where alliance_id = " + id, "only moves by one appended entry",
                "update log_head set size = size + 1, edge = '' where alliance_id = " + id, "edge hashes",
                // the right shape (13 and 14 both have three subtrees on their edge), but nothing was appended
                "update log_head set size = size + 1 where alliance_id = " + id, "entries that are not stored",
                "delete from log_head where alliance_id = " + id, "append-only",
                "truncate log_head cascade", "append-only");
        refusals.forEach((sql, refusal) -> assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(sql).executeUpdate())).as(sql).hasStackTraceContaining(refusal));
        assertThat(log.size(id)).isEqualTo(13);
    }

    @Test
    void after_a_rolled_back_append_and_a_renamed_organisation_the_log_goes_on_without_a_gap() {
        long id = w.alliance().id;
        QuarkusTransaction.begin();
        try {
            propose("Withdrawn before it was ever recorded");
        } finally {
            QuarkusTransaction.rollback();
        }
        String renamed = w.acme().name + " (renamed)";
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update organisation set name = ?1 where id = ?2")
                .setParameter(1, renamed).setParameter(2, w.acme().id).executeUpdate());
        propose("After the rename");

        List<LogEntry> entries = LogEntry.list("allianceId = ?1 order by seq", id);
        assertThat(entries.stream().map(e -> e.seq).toList()).containsExactlyElementsOf(LongStream.range(0, 14).boxed().toList());
        assertThat(entries.get(13).actorOrganisation).isEqualTo(renamed);
        byte[][] leaves = entries.stream().map(e -> Merkle.leafHash(e.leafBytes())).toArray(byte[][]::new);
        assertThat(QuarkusTransaction.requiringNew().call(() -> tree.root(id, 14))).isEqualTo(reference(leaves, 14));
    }

    private void propose(String title) {
        commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms(title, null, w.acme().id, w.globex().id,
                LocalDate.now().plusDays(30)));
    }

    @Test
    void the_writer_has_a_checkpoint_signed_after_its_commit() throws InterruptedException {
        // no one asked for one: the signer after commit (alliance.log.checkpoint-after) signs it
        for (int i = 0; i < 300 && Checkpoint.latest(w.alliance().id).map(c -> c.treeSize).orElse(0L) < 13; i++) {
            Thread.sleep(50);
        }
        Checkpoint signed = Checkpoint.latest(w.alliance().id).orElseThrow();
        assertThat(signed.treeSize).isEqualTo(13);
        assertThat(signed.rootHash).isEqualTo(QuarkusTransaction.requiringNew().call(() -> tree.root(w.alliance().id, 13)));
    }

    /** MTH of the first {@code size} leaves, by the RFC's recursion. */
    static byte[] reference(byte[][] leaves, int size) {
        return mth(leaves, 0, size);
    }

    private static byte[] mth(byte[][] leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves[from];
        }
        int k = Integer.highestOneBit(n - 1);
        return Merkle.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
    }
}
