-- Every order of the commitment and concern lists as an index range of one alliance, ending in the id as the keyset
-- does (issue 9): a page of a years-old alliance then reads its 51 rows, not every row of the alliance to sort them
-- (by state: 6.5 ms a page at 10,000 commitments). ListOrderIndexTest checks that no order of the lists sorts.

-- Soonest due and newest first, now with the id that breaks ties (they sorted each run of equal values).
create index commitment_alliance_due on commitment (alliance_id, due_date, id);
drop index commitment_alliance;
create index concern_alliance_raised on concern (alliance_id, raised_at, id);
drop index concern_alliance;

-- By state and by severity: the enum's constants in their declared order, written as Keyset.byOrder writes them
-- (a new constant, or a new order, needs a new index; ListOrderIndexTest fails until then).
create index commitment_alliance_state on commitment (alliance_id, (case state when 'PROPOSED' then 0 when 'AGREED' then 1
    when 'DELIVERED' then 2 when 'ACCEPTED' then 3 when 'DISPUTED' then 4 when 'WITHDRAWN' then 5 when 'WAIVED' then 6 end), id);
create index concern_alliance_state on concern (alliance_id, (case state when 'RAISED' then 0 when 'ACKNOWLEDGED' then 1
    when 'RESPONDED' then 2 when 'RESOLUTION_PROPOSED' then 3 when 'RESOLVED' then 4 when 'ESCALATED' then 5 end), id);
create index concern_alliance_severity on concern (alliance_id, (case severity when 'HIGH' then 0 when 'MEDIUM' then 1
    when 'LOW' then 2 end), id);
