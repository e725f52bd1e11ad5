package org.allianceportal.bench.pages;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.allianceportal.core.log.LogEntry;
import org.allianceportal.core.log.merkle.CompactRange;
import org.allianceportal.core.log.merkle.Merkle;
import org.postgresql.PGConnection;

/**
 * A years-old alliance between the demo's Acme Corp and Globex Inc, written with SQL into the stack's database
 * (through the services it would take many minutes): three years of weekly check-ins, {@value #COMMITMENTS}
 * commitments and {@value #CONCERNS} concerns in every state, and exactly {@value #LOG_ENTRIES} log entries
 * telling that history in order, with the payloads the domain writes. The log's Merkle tree (log_node) is
 * computed here from the stored entries with the portal's own leaf encoding, so the history page, proofs and
 * the verifier find a valid log. No checkpoint is signed: that is the portal's job.
 */
final class LargeAlliance {

    static final int COMMITMENTS = 10_000;
    static final int CONCERNS = 5_000;
    static final int LOG_ENTRIES = 100_000;
    static final String NAME = "Acme–Globex Years-Old Alliance";

    private LargeAlliance() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + BenchStack.DATABASE,
                System.getProperty("bench.pg.user", "postgres"), System.getProperty("bench.pg.password", ""));
    }

    /** The demo's Acme–Globex alliance (the one alliance of those two parties the demo makes). */
    static long demo(Connection db) throws SQLException {
        return single(db, "select min(p.alliance_id) from alliance_party p join organisation o on o.id = p.organisation_id "
                + "where o.name in ('Acme Corp', 'Globex Inc') group by p.alliance_id having count(*) = 2");
    }

    /** Writes the alliance and returns its id. */
    static long load(Connection db) throws SQLException {
        db.setAutoCommit(false);
        long id;
        try (Statement sql = db.createStatement()) {
            id = single(db, "insert into alliance (name, description, created_at) values ('" + NAME + "', "
                    + "'Three years of joint work: the page benchmark''s large alliance.', now() - interval '1095 days') returning id");
            for (String step : STEPS) {
                sql.execute(step.formatted(id));
            }
            long written = single(db, "select count(*) from log_entry where alliance_id = " + id);
            if (written != LOG_ENTRIES) {
                throw new IllegalStateException("the large alliance has " + written + " log entries, not " + LOG_ENTRIES);
            }
            writeTree(db, id);
            db.commit();
            db.setAutoCommit(true);
            sql.execute("analyze");
        }
        return id;
    }

    /** Every perfect subtree of the alliance's log: level 0 holds the leaf hashes (see V2's log_node). */
    private static void writeTree(Connection db, long alliance) throws SQLException {
        List<byte[]> level = new ArrayList<>(LOG_ENTRIES);
        CompactRange edge = new CompactRange();
        try (PreparedStatement read = db.prepareStatement("select seq, recorded_at, actor_user_id, actor_name, "
                + "actor_organisation, action, subject_type, subject_id, payload from log_entry where alliance_id = ? order by seq")) {
            read.setFetchSize(5_000);
            read.setLong(1, alliance);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    LogEntry e = new LogEntry();
                    e.allianceId = alliance;
                    e.seq = rows.getLong(1);
                    e.recordedAt = rows.getTimestamp(2).toInstant();
                    e.actorUserId = rows.getString(3);
                    e.actorName = rows.getString(4);
                    e.actorOrganisation = rows.getString(5);
                    e.action = rows.getString(6);
                    e.subjectType = rows.getString(7);
                    e.subjectId = rows.getLong(8);
                    e.payload = rows.getString(9);
                    level.add(Merkle.leafHash(e.leafBytes()));
                    edge.add(level.get(level.size() - 1));
                }
            }
        }
        moveHead(db, alliance, edge);
        StringBuilder copy = new StringBuilder();
        HexFormat hex = HexFormat.of();
        for (int height = 0; !level.isEmpty(); height++) {
            List<byte[]> above = new ArrayList<>(level.size() / 2);
            for (int i = 0; i < level.size(); i++) {
                copy.append(alliance).append('\t').append(height).append('\t').append(i).append("\t\\\\x")
                        .append(hex.formatHex(level.get(i))).append('\n');
                if (i % 2 == 1) {
                    above.add(Merkle.nodeHash(level.get(i - 1), level.get(i)));
                }
            }
            level = above;
        }
        try {
            db.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy log_node (alliance_id, level, idx, hash) from stdin", new StringReader(copy.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
    }

    /**
     * The log head the portal appends on (V16) moved past the loaded entries. Its guard lets a head move by
     * one append only, so this bulk load sets it as an operator would, with triggers off for the statement.
     */
    private static void moveHead(Connection db, long alliance, CompactRange edge) throws SQLException {
        try (Statement sql = db.createStatement();
                PreparedStatement head = db.prepareStatement("update log_head set size = ?, edge = ? where alliance_id = ?")) {
            sql.execute("set local session_replication_role = replica");
            head.setLong(1, edge.size());
            head.setBytes(2, edge.edge());
            head.setLong(3, alliance);
            head.executeUpdate();
            sql.execute("set local session_replication_role = origin");
        }
    }

    private static long single(Connection db, String query) throws SQLException {
        try (Statement sql = db.createStatement(); ResultSet row = sql.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The history, step by step; %1$d is the alliance. Events are staged with their times, then numbered in order. */
    private static final List<String> STEPS = List.of("""
            insert into alliance_party (alliance_id, organisation_id)
            select %1$d, id from organisation where name in ('Acme Corp', 'Globex Inc')
            """, """
            create temp table side on commit drop as
            select o.id, o.name, l.user_id as lead_id, l.display_name as lead_name, m.user_id as member_id,
                m.display_name as member_name
            from organisation o join membership l on l.organisation_id = o.id and l.role = 'LEAD'
                join membership m on m.organisation_id = o.id and m.role = 'MEMBER'
            where o.name in ('Acme Corp', 'Globex Inc')
            """, """
            create temp table event (at timestamptz not null, ord int not null, user_id text not null, name text not null,
                organisation text, action text not null, subject_type text not null, subject_id bigint not null,
                payload text not null) on commit drop
            """, """
            insert into event
            select a.created_at, 0, m.user_id, m.display_name, null, 'alliance.founded', 'alliance', a.id,
                '{"name":' || to_json(a.name) || ',"parties":["Acme Corp","Globex Inc"]}'
            from alliance a, membership m where a.id = %1$d and m.username = 'admin'
            """, """
            insert into checkin_cadence (alliance_id, frequency, first_date, local_time, zone, duration_minutes, created_at)
            select id, 'WEEKLY', (created_at + interval '7 days')::date, '10:00', 'UTC', 60, created_at from alliance where id = %1$d
            """, """
            insert into event
            select c.created_at + interval '1 hour', 0, s.lead_id, s.lead_name, s.name, 'checkin.cadence_set', 'alliance', %1$d,
                '{"durationMinutes":60,"firstDate":"' || c.first_date || '","frequency":"WEEKLY","localTime":"10:00","zone":"UTC"}'
            from checkin_cadence c, side s where c.alliance_id = %1$d and s.name = 'Acme Corp'
            """,
            // commitments: made over three years, due 30 to 90 days later; long past ones accepted (a few disputed,
            // withdrawn or waived), the recent ones proposed, agreed or delivered; every ninth one slipped two weeks
            """
            with made as (
                select g, now() - interval '1095 days' + (g * 1088.0 / %2$d) * interval '1 day' as created,
                    case when g %% 2 = 0 then 'Acme Corp' else 'Globex Inc' end as owner,
                    (array['market study', 'reference customer', 'joint webinar', 'integration test', 'price list',
                        'sales training'])[1 + g %% 6] as topic
                from generate_series(1, %2$d) g),
            stated as (
                select m.*, m.created::date + 30 + g %% 60 as due,
                    case when m.created::date + 30 + g %% 60 < current_date - 40
                        then case g %% 20 when 0 then 'DISPUTED' when 1 then 'WITHDRAWN' when 2 then 'WAIVED' else 'ACCEPTED' end
                        else case g %% 4 when 0 then 'PROPOSED' when 2 then 'DELIVERED' else 'AGREED' end end as state
                from made m),
            slipped as (
                select s.*, case when g %% 9 = 0 and state <> 'PROPOSED' and created < now() - interval '10 days' then 14 else 0 end
                    as slip from stated s)
            insert into commitment (alliance_id, title, owner_id, beneficiary_id, due_date, original_due_date, slip_count,
                state, agreed_by_owner, agreed_by_beneficiary, closure_kind, closure_proposed_by_id, closure_reason, evidence,
                delivered_at, dispute_reason, proposed_by_user_id, proposed_by_name, created_at)
            select %1$d, 'Deliverable ' || g || ': ' || topic, o.id, b.id, due + slip, due, (slip > 0)::int, state, true,
                state <> 'PROPOSED',
                case state when 'WITHDRAWN' then 'WITHDRAW' when 'WAIVED' then 'WAIVE' end,
                case when state in ('WITHDRAWN', 'WAIVED') then o.id end,
                case when state in ('WITHDRAWN', 'WAIVED') then 'No longer needed after the plan changed.' end,
                case when state in ('DELIVERED', 'ACCEPTED', 'DISPUTED') then 'Delivery note ' || g end,
                case when state in ('DELIVERED', 'ACCEPTED', 'DISPUTED')
                    then least((due + slip - 2) + time '15:00', now() - interval '1 hour') end,
                case when state = 'DISPUTED' then 'Not what we agreed: the figures are missing.' end,
                o.member_id, o.member_name, created
            from slipped, side o, side b where o.name = owner and b.name <> owner
            order by g
            """.replace("%2$d", String.valueOf(COMMITMENTS)), """
            insert into event
            select at, ord, user_id, name, organisation, action, 'commitment', id, payload from (
                select c.*, o.name as owner, b.name as beneficiary, o.lead_id as o_lead, o.lead_name as o_lead_name,
                    o.member_id as o_member, o.member_name as o_member_name, b.lead_id as b_lead, b.lead_name as b_lead_name
                from commitment c join side o on o.id = c.owner_id join side b on b.id = c.beneficiary_id
                where c.alliance_id = %1$d) c,
            lateral (values
                (c.created_at, 1, c.o_member, c.o_member_name, c.owner, 'commitment.proposed',
                    '{"beneficiary":' || to_json(c.beneficiary) || ',"description":null,"dueDate":"' || c.original_due_date
                    || '","owner":' || to_json(c.owner) || ',"title":' || to_json(c.title) || '}', true),
                (c.created_at + interval '1 minute', 2, c.o_lead, c.o_lead_name, c.owner, 'commitment.agreed',
                    '{"agreedBy":' || to_json(c.owner) || ',"state":"PROPOSED"}', true),
                (c.created_at + interval '1 day', 3, c.b_lead, c.b_lead_name, c.beneficiary, 'commitment.agreed',
                    '{"agreedBy":' || to_json(c.beneficiary) || ',"state":"AGREED"}', c.agreed_by_beneficiary),
                (c.created_at + interval '9 days', 4, c.o_member, c.o_member_name, c.owner, 'commitment.due_date_change_proposed',
                    '{"from":"' || c.original_due_date || '","reason":"The customer moved the launch.","state":"AGREED","to":"'
                    || c.due_date || '"}', c.slip_count > 0),
                (c.created_at + interval '10 days', 5, c.b_lead, c.b_lead_name, c.beneficiary, 'commitment.due_date_changed',
                    '{"dueDate":"' || c.due_date || '","originalDueDate":"' || c.original_due_date
                    || '","slipCount":1,"state":"AGREED"}', c.slip_count > 0),
                (c.delivered_at, 6, c.o_member, c.o_member_name, c.owner, 'commitment.delivered',
                    '{"evidence":' || to_json(c.evidence) || ',"state":"DELIVERED"}', c.delivered_at is not null),
                (c.delivered_at + interval '2 days', 7, c.b_lead, c.b_lead_name, c.beneficiary, 'commitment.accepted',
                    '{"state":"ACCEPTED"}', c.state = 'ACCEPTED'),
                (c.delivered_at + interval '2 days', 7, c.b_lead, c.b_lead_name, c.beneficiary, 'commitment.disputed',
                    '{"reason":' || to_json(c.dispute_reason) || ',"state":"DISPUTED"}', c.state = 'DISPUTED'),
                (c.due_date - 5 + time '11:00', 8, c.o_lead, c.o_lead_name, c.owner, 'commitment.closure_proposed',
                    '{"kind":"' || c.closure_kind || '","reason":' || to_json(c.closure_reason) || ',"state":"AGREED"}',
                    c.closure_kind is not null),
                (c.due_date - 4 + time '11:00', 9, c.b_lead, c.b_lead_name, c.beneficiary, 'commitment.closed',
                    '{"state":"' || c.state || '"}', c.closure_kind is not null)
            ) e(at, ord, user_id, name, organisation, action, payload, happened)
            where e.happened
            """,
            // concerns: raised over three years; old ones resolved (every fiftieth still waiting for a resolution),
            // the last month's ones at every step, those of the last two days not yet acknowledged
            """
            with raised as (
                select g, now() - interval '1095 days' + (g * 1094.5 / %2$d) * interval '1 day' as at,
                    case when g %% 2 = 0 then 'Acme Corp' else 'Globex Inc' end as raiser,
                    case when g %% 5 = 0 then 'HIGH' when g %% 5 in (1, 2) then 'MEDIUM' else 'LOW' end as severity
                from generate_series(1, %2$d) g),
            stated as (
                select r.*, case
                    when at > now() - interval '2 days' then 'RAISED'
                    when at > now() - interval '30 days'
                        then case g %% 3 when 0 then 'ACKNOWLEDGED' when 1 then 'RESPONDED' else 'RESOLUTION_PROPOSED' end
                    when g %% 50 = 0 then 'RESPONDED'
                    else 'RESOLVED' end as state
                from raised r)
            insert into concern (alliance_id, title, description, severity, state, level, raised_by_id, raised_to_id,
                raised_by_user_id, raised_by_name, raised_at, acknowledge_clock_started_at, acknowledge_by, acknowledged_at,
                response, resolution, resolution_proposed_by_id, resolved_at, created_at)
            select %1$d, 'Concern ' || g || ': ' || (array['late answers', 'missing figures', 'pricing mismatch',
                    'unclear ownership', 'quality of leads'])[1 + g %% 5],
                'What happened, in a few sentences, with the dates and the people involved.', severity, state, 'WORKING_TEAM',
                r.id, t.id, r.member_id, r.member_name, at, at, at + interval '3 days',
                case when state <> 'RAISED' then at + interval '1 day' end,
                case when state in ('RESPONDED', 'RESOLUTION_PROPOSED', 'RESOLVED') then 'We looked into it and changed the process.' end,
                case when state in ('RESOLUTION_PROPOSED', 'RESOLVED') then 'A weekly review of open questions.' end,
                case when state in ('RESOLUTION_PROPOSED', 'RESOLVED') then t.id end,
                case when state = 'RESOLVED' then at + interval '10 days' end,
                at
            from stated, side r, side t where r.name = raiser and t.name <> raiser
            order by g
            """.replace("%2$d", String.valueOf(CONCERNS)), """
            insert into event
            select at, ord, user_id, name, organisation, action, 'concern', id, payload from (
                select c.*, r.name as raiser, t.name as raised_to, r.lead_id as r_lead, r.lead_name as r_lead_name,
                    t.lead_id as t_lead, t.lead_name as t_lead_name, t.member_id as t_member, t.member_name as t_member_name
                from concern c join side r on r.id = c.raised_by_id join side t on t.id = c.raised_to_id
                where c.alliance_id = %1$d) c,
            lateral (values
                (c.raised_at, 1, c.raised_by_user_id, c.raised_by_name, c.raiser, 'concern.raised',
                    '{"acknowledgeBy":"' || to_char(c.acknowledge_by at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
                    || '","commitmentId":null,"description":' || to_json(c.description) || ',"raisedBy":' || to_json(c.raiser)
                    || ',"raisedTo":' || to_json(c.raised_to) || ',"severity":"' || c.severity || '","state":"RAISED","title":'
                    || to_json(c.title) || '}', true),
                (c.acknowledged_at, 2, c.t_lead, c.t_lead_name, c.raised_to, 'concern.acknowledged',
                    '{"breachedDeadline":false,"state":"ACKNOWLEDGED"}', c.acknowledged_at is not null),
                (least(c.raised_at + interval '3 days', now() - interval '2 hours'), 3, c.t_member, c.t_member_name, c.raised_to, 'concern.responded',
                    '{"response":' || to_json(c.response) || ',"state":"RESPONDED"}', c.response is not null),
                (least(c.raised_at + interval '7 days', now() - interval '1 hour'), 4, c.t_lead, c.t_lead_name, c.raised_to, 'concern.resolution_proposed',
                    '{"resolution":' || to_json(c.resolution) || ',"state":"RESOLUTION_PROPOSED"}', c.resolution is not null),
                (c.resolved_at, 5, c.r_lead, c.r_lead_name, c.raiser, 'concern.resolved',
                    '{"resolution":' || to_json(c.resolution) || ',"state":"RESOLVED"}', c.resolved_at is not null)
            ) e(at, ord, user_id, name, organisation, action, payload, happened)
            where e.happened
            """,
            // weekly check-ins from the cadence's first date to four weeks ahead: held with minutes, approved by both
            // parties and one action item (every thirteenth missed, every seventeenth cancelled)
            """
            insert into checkin (alliance_id, occurrence, starts_at, duration_minutes, state, calendar_sequence, agenda, minutes,
                decisions, created_at, cadence_revision, slot_starts_at)
            select %1$d, k, t, 60, s, case when s = 'CANCELLED' then 1 else 0 end,
                case when s = 'HELD' then 'Pipeline, open concerns, next steps.' end,
                case when s = 'HELD' then 'Went through the pipeline and the open concerns of week ' || k || '.' end,
                case when s = 'HELD' then 'Keep the weekly rhythm.' end,
                greatest(t - interval '28 days', c.created_at + interval '2 hours'), 0, t
            from checkin_cadence c, generate_series(0, (current_date + 28 - c.first_date) / 7) k,
                lateral (select (c.first_date + 7 * k + c.local_time) at time zone 'UTC' as t) starts,
                lateral (select case when t > now() then 'SCHEDULED' when k %% 17 = 0 then 'CANCELLED'
                    when k %% 13 = 0 then 'MISSED' else 'HELD' end as s) state
            where c.alliance_id = %1$d
            """, """
            insert into checkin_attendance (checkin_id, organisation_id, present)
            select c.id, s.id, true from checkin c, side s where c.alliance_id = %1$d and c.state = 'HELD'
            """, """
            insert into checkin_approval (checkin_id, organisation_id, approved_by_user_id, approved_at)
            select c.id, s.id, s.lead_id, c.starts_at + case when s.name = 'Acme Corp' then interval '1 day' else interval '2 days' end
            from checkin c, side s where c.alliance_id = %1$d and c.state = 'HELD'
            """, """
            insert into checkin_action_item (checkin_id, title, owner_id, beneficiary_id, due_date, commitment_id)
            select c.id, 'Follow-up of week ' || c.occurrence, o.id, b.id, (c.starts_at + interval '30 days')::date,
                (select min(id) from commitment where alliance_id = %1$d) + c.occurrence
            from checkin c, side o, side b
            where c.alliance_id = %1$d and c.state = 'HELD' and o.name = 'Acme Corp' and b.name = 'Globex Inc'
            """, """
            insert into event
            select at, ord, user_id, name, organisation, action, 'checkin', id, payload from (
                select c.*, to_char(c.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as starts,
                    a.lead_id as a_lead, a.lead_name as a_lead_name, a.member_id as a_member, a.member_name as a_member_name,
                    g.lead_id as g_lead, g.lead_name as g_lead_name, g.member_id as g_member, g.member_name as g_member_name,
                    '"decisions":' || to_json(c.decisions) || ',"minutes":' || to_json(c.minutes) as record
                from checkin c, side a, side g where c.alliance_id = %1$d and a.name = 'Acme Corp' and g.name = 'Globex Inc') c,
            lateral (values
                (c.created_at, 1, c.a_lead, c.a_lead_name, 'Acme Corp', 'checkin.scheduled',
                    '{"calendarSequence":0,"durationMinutes":60,"startsAt":"' || c.starts || '"}', true),
                (c.starts_at - interval '2 days', 2, c.a_lead, c.a_lead_name, 'Acme Corp', 'checkin.cancelled',
                    '{"reason":"Holiday week.","state":"CANCELLED"}', c.state = 'CANCELLED'),
                (c.starts_at + interval '1 day', 2, 'system', 'Alliance Portal', null, 'checkin.missed',
                    '{"startsAt":"' || c.starts || '"}', c.state = 'MISSED'),
                (c.starts_at + interval '1 hour', 3, c.a_member, c.a_member_name, 'Acme Corp', 'checkin.attendance_recorded',
                    '{"attendance":{"Acme Corp":true,"Globex Inc":true},"state":"HELD"}', c.state = 'HELD'),
                (c.starts_at + interval '2 hours', 4, c.g_member, c.g_member_name, 'Globex Inc', 'checkin.minutes_recorded',
                    '{"actionItems":["Follow-up of week ' || c.occurrence || '"],' || c.record || ',"state":"HELD"}', c.state = 'HELD'),
                (c.starts_at + interval '1 day', 5, c.a_lead, c.a_lead_name, 'Acme Corp', 'checkin.minutes_approved_by',
                    '{"approvedBy":1,"state":"HELD"}', c.state = 'HELD'),
                (c.starts_at + interval '2 days', 6, c.g_lead, c.g_lead_name, 'Globex Inc', 'checkin.minutes_approved_by',
                    '{"approvedBy":2,"state":"HELD"}', c.state = 'HELD'),
                (c.starts_at + interval '2 days', 7, c.g_lead, c.g_lead_name, 'Globex Inc', 'checkin.minutes_approved',
                    '{' || c.record || '}', c.state = 'HELD')
            ) e(at, ord, user_id, name, organisation, action, payload, happened)
            where e.happened and e.at < now()
            """,
            // comments on the concerns make up the rest of the log's entries, spread between raising and now
            """
            with cs as (
                select c.id, c.raised_at, c.raised_by_id, c.raised_to_id, row_number() over (order by c.id) - 1 as r
                from concern c where c.alliance_id = %1$d),
            wanted as (select %2$d - count(*) as n from event)
            insert into concern_comment (concern_id, author_user_id, author_name, author_organisation_id, body, created_at)
            select cs.id, s.member_id, s.member_name, s.id, 'Update ' || i || ': we are on it, details in the shared drive.',
                cs.raised_at + (now() - cs.raised_at) * ((i / %3$d + 1)::float / (w.n / %3$d + 2))
            from wanted w cross join lateral generate_series(1, w.n) i
                join cs on cs.r = i %% %3$d
                join side s on s.id = case when i %% 2 = 0 then cs.raised_by_id else cs.raised_to_id end
            order by i
            """.replace("%2$d", String.valueOf(LOG_ENTRIES)).replace("%3$d", String.valueOf(CONCERNS)), """
            insert into event
            select m.created_at, 6, m.author_user_id, m.author_name, s.name, 'concern.commented', 'concern', m.concern_id,
                '{"body":' || to_json(m.body) || '}'
            from concern_comment m join concern c on c.id = m.concern_id join side s on s.id = m.author_organisation_id
            where c.alliance_id = %1$d
            """, """
            insert into log_entry (alliance_id, seq, recorded_at, actor_user_id, actor_name, actor_organisation, action,
                subject_type, subject_id, payload)
            select %1$d, row_number() over (order by at, subject_type, subject_id, ord) - 1, at, user_id, name, organisation,
                action, subject_type, subject_id, payload
            from event order by at, subject_type, subject_id, ord
            """);
}
