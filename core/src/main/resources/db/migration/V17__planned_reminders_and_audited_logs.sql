-- Each reminder occasion (this commitment overdue since this due date, this concern half-way to this
-- acknowledgement deadline, this check-in starting at this time in 24 hours ...) is planned once: the planner
-- claims it here in the transaction that plans its deliveries, and looks only at occasions not claimed yet.
create table reminder_occasion (
    stage      text        not null,
    subject_id bigint      not null,
    occasion   text        not null, -- the due date, deadline or start the reminder is about
    planned_at timestamptz not null,
    primary key (stage, subject_id, occasion)
);

-- Occasions planned before this table existed, from the deliveries they made (key: stage:id:occasion:user:channel).
insert into reminder_occasion (stage, subject_id, occasion, planned_at)
select split_part(idempotency_key, ':', 1), split_part(idempotency_key, ':', 2)::bigint,
       split_part(idempotency_key, ':', 3), min(created_at)
from delivery
where split_part(idempotency_key, ':', 1) in ('due-soon', 'overdue', 'ack-half', 'checkin-24h', 'checkin-1h')
group by 1, 2, 3;

-- How far each alliance's log has been audited: the tree the audit computed itself (size, root and right edge,
-- the hashes of the perfect subtrees of that size, concatenated from the lowest level as in log_head), so the next run re-hashes
-- only the entries appended since; and when the last full re-hash from the first entry was.
create table log_audit (
    alliance_id   bigint      primary key references alliance (id),
    tree_size     bigint      not null check (tree_size >= 0),
    root_hash     bytea       not null check (length(root_hash) = 32),
    right_edge    bytea       not null check (length(right_edge) % 32 = 0),
    audited_at    timestamptz not null,
    full_audit_at timestamptz not null
);
