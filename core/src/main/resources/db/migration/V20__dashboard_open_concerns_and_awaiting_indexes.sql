-- The dashboard's lists without scanning every open row of a big alliance (issue 9): at 10,000 commitments and
-- 5,000 concerns, its open concerns and what waits for a party each filtered more than a thousand rows per read.

-- The open concerns, oldest first (ConcernBoard.open: the state written as a literal there, keep the two alike).
create index concern_open on concern (alliance_id, raised_at, id) where state <> 'RESOLVED';

-- The open commitments that wait for someone (CommitmentBoard.awaiting, whose conditions imply this one): proposed
-- and not yet agreed by both sides, delivered, or with a new due date or a closure proposed.
create index commitment_awaits on commitment (alliance_id, due_date, id)
    where state in ('PROPOSED', 'AGREED', 'DELIVERED', 'DISPUTED')
      and ((state = 'PROPOSED' and not (agreed_by_owner and agreed_by_beneficiary)) or state = 'DELIVERED'
           or proposed_due_date is not null or closure_kind is not null);
