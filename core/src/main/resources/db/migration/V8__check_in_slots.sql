-- Each check-in keeps the slot of the rhythm it was scheduled for: the start the cadence gave it, which
-- stays when the meeting moves. The scheduler fills a slot once, whatever became of its check-in
-- (cancelled, moved, held or missed). A lead who sets a new rhythm starts a new revision, whose slots
-- are new even where they fall at the times of the old one.

alter table checkin_cadence add column revision integer not null default 0;

alter table checkin add column cadence_revision integer not null default 0;
alter table checkin add column slot_starts_at timestamptz;

-- Existing check-ins: the log kept the start each one was scheduled for, even if it moved since.
update checkin c
   set slot_starts_at = (e.payload::jsonb ->> 'startsAt')::timestamptz
  from log_entry e
 where e.alliance_id = c.alliance_id
   and e.subject_type = 'checkin'
   and e.subject_id = c.id
   and e.action = 'checkin.scheduled';
update checkin set slot_starts_at = starts_at where slot_starts_at is null;
alter table checkin alter column slot_starts_at set not null;

-- Not unique: a database may hold the duplicates scheduled before this rule existed; they stay on record.
create index checkin_slot on checkin (alliance_id, cadence_revision, slot_starts_at);
