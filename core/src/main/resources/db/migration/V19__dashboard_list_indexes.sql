-- The dashboard's lists, read in index order and cut at 30, whatever the alliance's size (issue 9): before,
-- each sorted every commitment or concern of the alliance on every visit.

-- Its commitments: the open ones soonest due first, then the settled ones latest due first. The expressions
-- are those of CommitmentBoard.current's order, the states written out as there (keep the two alike).
create index commitment_current on commitment (alliance_id,
    (case when state in ('PROPOSED', 'AGREED', 'DELIVERED', 'DISPUTED') then 0 else 1 end),
    (case when state in ('PROPOSED', 'AGREED', 'DELIVERED', 'DISPUTED') then due_date end),
    due_date desc, id);

-- What waits for an organisation's lead is always an open commitment, soonest due first.
create index commitment_open on commitment (alliance_id, due_date, id)
    where state in ('PROPOSED', 'AGREED', 'DELIVERED', 'DISPUTED');

-- ... or a concern to acknowledge or a resolution to confirm, by its acknowledgement deadline.
create index concern_awaiting on concern (alliance_id, acknowledge_by, id)
    where state in ('RAISED', 'ESCALATED', 'RESOLUTION_PROPOSED');
