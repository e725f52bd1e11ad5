-- How each person wants to hear of things: per kind immediately, in a daily digest, or not at all;
-- and when they are away (non-urgent mail is held and sent as one digest afterwards).
create table notification_preference (
    user_id text not null,
    kind    text not null,
    mode    text not null check (mode in ('IMMEDIATE', 'DIGEST', 'OFF')),
    primary key (user_id, kind)
);

create table absence (
    user_id   text primary key,
    starts_on date not null,
    ends_on   date not null,
    check (ends_on >= starts_on)
);

-- A held e-mail is released in the digest that carried it.
alter table delivery add column digest_id bigint references delivery (id);
create index delivery_held on delivery (recipient_user_id) where status = 'HELD';
