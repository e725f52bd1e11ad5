-- Calendar feeds are revocable: a person's feed link carries the version of their feed, and renewing the
-- link (preferences page) moves the version on, so every earlier link stops working. No row: version 0,
-- the links made before feeds had versions.
create table calendar_feed (
    user_id text   primary key,
    version bigint not null check (version > 0)
);
