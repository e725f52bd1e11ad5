-- An e-mail may carry a calendar invite (RFC 5545 text), e.g. for a check-in.
alter table delivery add column calendar text;
