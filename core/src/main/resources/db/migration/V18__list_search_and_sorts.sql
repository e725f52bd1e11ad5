-- Text search of the commitment and concern lists with PostgreSQL full-text search: a generated tsvector
-- of title and description per row, GIN-indexed, so a search reads the index and not every row of a big
-- alliance. The 'simple' configuration (no stemming, no stop words: names and codes match as typed) needs
-- no extension, so the migration runs under a role without the rights to create one.
alter table commitment add column search tsvector
    generated always as (to_tsvector('simple', title || ' ' || coalesce(description, ''))) stored;
create index commitment_search on commitment using gin (search);

alter table concern add column search tsvector
    generated always as (to_tsvector('simple', title || ' ' || description)) stored;
create index concern_search on concern using gin (search);

-- The lists' other sort orders, each an index range of one alliance (keyset pagination: value, then id).
create index commitment_alliance_title on commitment (alliance_id, lower(title), id);
create index commitment_alliance_newest on commitment (alliance_id, id);
create index concern_alliance_title on concern (alliance_id, lower(title), id);
