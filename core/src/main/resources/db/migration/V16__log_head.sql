-- The head of each alliance's log: how many entries it has and the right edge of its Merkle tree
-- (the hashes of the perfect subtrees along the right border, one per set bit of size, lowest level
-- first). An append locks this row, reads the next sequence number and the edge in one statement and
-- so needs neither max(seq) nor a look-up of stored nodes; appends to different alliances never wait
-- for each other. log_entry and log_node stay the record; this row only saves reading them.
create table log_head (
    alliance_id bigint primary key references alliance (id),
    size        bigint not null check (size >= 0),
    edge        bytea  not null
);

insert into log_head (alliance_id, size, edge)
select a.id, coalesce(s.size, 0),
       coalesce((select string_agg(n.hash, ''::bytea order by n.level) from log_node n
                 where n.alliance_id = a.id and (s.size >> n.level) & 1 = 1 and n.idx = (s.size >> n.level) - 1),
                ''::bytea)
from alliance a
left join (select alliance_id, max(seq) + 1 as size from log_entry group by alliance_id) s on s.alliance_id = a.id;

-- Every alliance has a head from its first moment, whoever inserts it.
create function start_log_head() returns trigger language plpgsql as $$
begin
    insert into log_head (alliance_id, size, edge) values (new.id, 0, ''::bytea);
    return new;
end
$$;

create trigger alliance_starts_log_head after insert on alliance
    for each row execute function start_log_head();

-- The head only ever moves by one entry at a time, with an edge of the right shape; it is never removed.
create function guard_log_head() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' and (new.size <> 0 or length(new.edge) <> 0) then
        raise exception 'a log head starts empty' using errcode = 'insufficient_privilege';
    end if;
    if tg_op = 'UPDATE' and (new.alliance_id <> old.alliance_id or new.size <> old.size + 1) then
        raise exception 'a log head only moves by one appended entry' using errcode = 'insufficient_privilege';
    end if;
    if length(new.edge) <> 32 * bit_count(new.size::bit(64)) then
        raise exception 'a log head of size % needs % edge hashes', new.size, bit_count(new.size::bit(64))
            using errcode = 'check_violation';
    end if;
    return new;
end
$$;

create trigger log_head_guarded before insert or update on log_head
    for each row execute function guard_log_head();
create trigger log_head_kept before delete on log_head
    for each row execute function reject_log_rewrite();
create trigger log_head_no_truncate before truncate on log_head
    for each statement execute function reject_log_rewrite();

-- At commit, what the head counts must be stored: its last entry and that entry's leaf.
create function check_log_head_stored() returns trigger language plpgsql as $$
begin
    if not exists (select 1 from log_entry where alliance_id = new.alliance_id and seq = new.size - 1)
            or not exists (select 1 from log_node where alliance_id = new.alliance_id and level = 0 and idx = new.size - 1) then
        raise exception 'the log head of alliance % counts % entries that are not stored', new.alliance_id, new.size
            using errcode = 'integrity_constraint_violation';
    end if;
    return null;
end
$$;

create constraint trigger log_head_counts_stored after update on log_head
    deferrable initially deferred for each row execute function check_log_head_stored();

revoke delete, truncate on log_head from current_user;
