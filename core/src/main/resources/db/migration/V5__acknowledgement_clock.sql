-- When each concern's current acknowledgement clock started, so that a reminder can go out when
-- half of the time is gone (existing concerns: their raising, the best that is known).
alter table concern add column acknowledge_clock_started_at timestamptz;
update concern set acknowledge_clock_started_at = raised_at;
alter table concern alter column acknowledge_clock_started_at set not null;
