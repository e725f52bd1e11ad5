package org.allianceportal.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.allianceportal.core.commitment.CommitmentService;
import org.allianceportal.core.commitment.CommitmentTerms;
import org.allianceportal.core.log.merkle.LogVerifier;
import org.allianceportal.core.outbox.OutboxEvent;
import org.allianceportal.core.shared.TimeKeeper;
import org.allianceportal.core.shared.World;
import org.allianceportal.core.shared.World.Setup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A superuser rewrites the log behind the portal's back, bypassing the append-only triggers. Both the
 * partner's offline verifier (which saw the log before) and the background audit must notice and
 * name the first bad index.
 */
@QuarkusTest
class LogTamperTest {

    static final int ENTRIES = 10; // the founding entry and nine proposals

    @Inject
    World world;

    @Inject
    CommitmentService commitments;

    @Inject
    TransparencyLog log;

    @Inject
    Checkpoints checkpoints;

    @Inject
    LogAudit audit;

    @Inject
    EntityManager em;

    @Inject
    TimeKeeper time;

    Setup w;
    Path verifierState;

    @BeforeEach
    void aPartnerHasVerifiedTheLogOnce() throws Exception {
        w = world.twoParties();
        propose(ENTRIES - 1);
        verifierState = Files.createTempDirectory("verifier");
        LogVerifier.Result first = verify();
        assertThat(first.verified()).as(first.message()).isTrue();
        assertThat(first.size()).isEqualTo(ENTRIES);
        assertThat(audit.audit(w.alliance().id)).isEmpty();
    }

    @Test
    void new_activity_still_verifies_and_is_consistent_with_what_was_seen() throws Exception {
        propose(3);
        LogVerifier.Result again = verify();
        assertThat(again.verified()).as(again.message()).isTrue();
        assertThat(again.size()).isEqualTo(ENTRIES + 3);
        assertThat(again.message()).contains("consistent with the " + ENTRIES + " seen before");
    }

    @Test
    void an_edited_payload_is_found_at_its_index() throws Exception {
        tamper("update log_entry set payload = '{\"title\":\"We never promised that\"}' where alliance_id = %d and seq = 4");
        expectFirstBadIndex(4);
    }

    @Test
    void a_deleted_entry_is_found_at_its_index() throws Exception {
        tamper("delete from log_entry where alliance_id = %d and seq = 3");
        expectFirstBadIndex(3);
    }

    @Test
    void two_swapped_entries_are_found_at_the_first() throws Exception {
        tamper("update log_entry set seq = -1 where alliance_id = %1$d and seq = 2;"
                + "update log_entry set seq = 2 where alliance_id = %1$d and seq = 5;"
                + "update log_entry set seq = 5 where alliance_id = %1$d and seq = -1");
        expectFirstBadIndex(2);
    }

    @Test
    void a_truncated_tail_is_found_where_it_was_cut() throws Exception {
        tamper("delete from log_entry where alliance_id = %d and seq >= 6");
        expectFirstBadIndex(6);
    }

    @Test
    void an_older_copy_of_the_table_restored_is_found_where_it_ends() throws Exception {
        long id = w.alliance().id;
        tamper("create table log_entry_backup_%1$d as select * from log_entry where alliance_id = %1$d and seq < 7");
        propose(2);
        checkpoints.publish(id);
        assertThat(verify().verified()).isTrue();
        tamper("delete from log_entry where alliance_id = %1$d;"
                + "insert into log_entry select * from log_entry_backup_%1$d;"
                + "drop table log_entry_backup_%1$d");
        expectFirstBadIndex(7);
    }

    @Test
    void the_hourly_run_rehashes_only_the_entries_appended_since_the_last_audit() {
        long id = w.alliance().id;
        propose(3);
        LogAudit.Audit hourly = audit.audit(id, false);
        assertThat(hourly.full()).isFalse();
        assertThat(hourly.verified()).as("only the new entries").isEqualTo(3);
        assertThat(hourly.finding()).isEmpty();
        assertThat(audit.audit(id, false).verified()).as("nothing new, nothing re-hashed").isZero();

        LogAudit.Audit weekly = time.at(time.now().plus(Duration.ofDays(7)), () -> audit.audit(id, false));
        assertThat(weekly.full()).as("a week after the last full run").isTrue();
        assertThat(weekly.verified()).isEqualTo(ENTRIES + 3);
        assertThat(weekly.finding()).isEmpty();
    }

    @Test
    void an_edited_new_entry_is_found_by_the_hourly_run() {
        long id = w.alliance().id;
        propose(3);
        tamper("update log_entry set payload = '{\"title\":\"Changed\"}' where alliance_id = %d and seq = " + (ENTRIES + 1));
        LogAudit.Audit hourly = audit.audit(id, false);
        assertThat(hourly.full()).isFalse();
        assertThat(hourly.finding()).map(LogAudit.Finding::firstBadIndex).contains((long) ENTRIES + 1);
        assertThat(audit.auditAll()).as("alarmed without waiting for the weekly run")
                .anyMatch(f -> f.allianceId() == id && f.firstBadIndex() == ENTRIES + 1);
        assertThat(audit.audit(id, false).finding()).as("still found: the audited point did not move on").isPresent();
    }

    @Test
    void a_rewritten_stored_node_over_new_entries_is_found_by_the_hourly_run() {
        long id = w.alliance().id;
        propose(5); // a tree of 15: its stored root reads node (1, 6), over new leaves 12 and 13
        tamper("update log_node set hash = decode(repeat('00', 32), 'hex') where alliance_id = %d and level = 1 and idx = 6");
        assertThat(audit.audit(id, false).finding()).as("the stored tree no longer hashes to its entries").isPresent();
    }

    @Test
    void an_edited_old_entry_waits_for_the_weekly_run() {
        long id = w.alliance().id;
        tamper("update log_entry set payload = '{\"title\":\"Changed\"}' where alliance_id = %d and seq = 4");
        LogAudit.Audit hourly = audit.audit(id, false);
        assertThat(hourly.verified()).isZero();
        assertThat(hourly.finding()).as("the hourly run does not read old entries").isEmpty();
        LogAudit.Audit weekly = time.at(time.now().plus(Duration.ofDays(7)), () -> audit.audit(id, false));
        assertThat(weekly.full()).isTrue();
        assertThat(weekly.finding()).map(LogAudit.Finding::firstBadIndex).contains(4L);
    }

    void expectFirstBadIndex(long index) throws Exception {
        LogVerifier.Result result = verify();
        assertThat(result.verified()).as("the verifier notices").isFalse();
        assertThat(result.firstBadIndex()).as(result.message()).isEqualTo(index);

        var finding = audit.audit(w.alliance().id);
        assertThat(finding).as("the audit notices").isPresent();
        assertThat(finding.get().firstBadIndex()).as(finding.get().problem()).isEqualTo(index);

        // the hourly runs look only at new entries; the weekly one re-hashes everything
        Instant weekLater = time.now().plus(Duration.ofDays(7));
        assertThat(time.at(weekLater, audit::auditAll)).anyMatch(f -> f.allianceId() == w.alliance().id);
        assertThat(OutboxEvent.count("allianceId = ?1 and kind = 'log.verification_failed'", w.alliance().id))
                .as("both sides are alarmed").isEqualTo(2);
        assertThat(time.at(weekLater, audit::auditAll)).as("once").noneMatch(f -> f.allianceId() == w.alliance().id);
    }

    LogVerifier.Result verify() throws Exception {
        Checkpoint signed = checkpoints.publish(w.alliance().id);
        ByteArrayOutputStream export = new ByteArrayOutputStream();
        log.export(w.acmeLead(), w.alliance().id, signed).writeTo(export);
        return LogVerifier.verify(export.toString(StandardCharsets.UTF_8), checkpoints.verifierKey(), verifierState);
    }

    /** Runs SQL as the superuser with triggers off, as an operator with full database access could. */
    void tamper(String sqlTemplate) {
        String sql = String.format(sqlTemplate, w.alliance().id);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local session_replication_role = replica").executeUpdate();
            for (String statement : sql.split(";")) {
                em.createNativeQuery(statement).executeUpdate();
            }
        });
    }

    void propose(int count) {
        for (int i = 0; i < count; i++) {
            commitments.propose(w.acmeMember(), w.alliance().id, new CommitmentTerms("Deliverable " + i, null,
                    w.acme().id, w.globex().id, LocalDate.now().plusDays(10 + i)));
        }
    }
}
