package org.allianceportal.core.log;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The log as partners download it: one JSON line per entry up to the checkpoint
 * ({@code {"index":n,"leaf":"<base64 leaf bytes>"}}), closed by {@code {"checkpoint":"<base64 note>"}}.
 * Written as it is read, one page of entries at a time (keyset on seq, a connection per page and none
 * held while the client reads), so its memory does not grow with the log. Plain JDBC, so the benchmark
 * can run it in a JVM with a small heap.
 */
public final class LogExport {

    /** Where the pages are read from: a pooled data source, or a plain driver connection. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    static final int PAGE = 1000;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private static final String ENTRIES = """
            select seq, recorded_at, actor_user_id, actor_name, actor_organisation, action, subject_type, subject_id,
                   payload
            from log_entry where alliance_id = ? and seq >= ? and seq < ? order by seq limit ?""";

    private final Connections connections;
    private final long allianceId;
    private final long treeSize;
    private final String note;

    public LogExport(Connections connections, long allianceId, long treeSize, String note) {
        this.connections = connections;
        this.allianceId = allianceId;
        this.treeSize = treeSize;
        this.note = note;
    }

    public long treeSize() {
        return treeSize;
    }

    /**
     * Writes the export; entries missing from the stored log (it was tampered with) are left out, for
     * the verifier to notice. Flushes, does not close.
     */
    public void writeTo(OutputStream target) throws IOException {
        OutputStream out = new BufferedOutputStream(target, 1 << 16);
        long next = 0;
        while (next < treeSize) {
            List<LogEntry> page = page(next);
            if (page.isEmpty()) {
                break;
            }
            for (LogEntry e : page) {
                line(out, Map.of("index", e.seq, "leaf", BASE64.encodeToString(e.leafBytes())));
            }
            next = page.get(page.size() - 1).seq + 1;
        }
        line(out, Map.of("checkpoint", BASE64.encodeToString(note.getBytes(StandardCharsets.UTF_8))));
        out.flush();
    }

    private static void line(OutputStream out, Map<String, ?> json) throws IOException {
        out.write(CanonicalJson.write(json).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }

    private List<LogEntry> page(long from) throws IOException {
        try (Connection connection = connections.open();
                PreparedStatement query = connection.prepareStatement(ENTRIES)) {
            query.setLong(1, allianceId);
            query.setLong(2, from);
            query.setLong(3, treeSize);
            query.setInt(4, PAGE);
            List<LogEntry> page = new ArrayList<>(PAGE);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    LogEntry e = new LogEntry();
                    e.allianceId = allianceId;
                    e.seq = row.getLong(1);
                    e.recordedAt = row.getObject(2, OffsetDateTime.class).toInstant();
                    e.actorUserId = row.getString(3);
                    e.actorName = row.getString(4);
                    e.actorOrganisation = row.getString(5);
                    e.action = row.getString(6);
                    e.subjectType = row.getString(7);
                    e.subjectId = row.getLong(8);
                    e.payload = row.getString(9);
                    page.add(e);
                }
            }
            return page;
        } catch (SQLException e) {
            throw new IOException("reading alliance " + allianceId + "'s log from entry " + from + " failed", e);
        }
    }
}
