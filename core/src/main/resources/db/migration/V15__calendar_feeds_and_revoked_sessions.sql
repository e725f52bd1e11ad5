-- Calendar feeds are revocable: a person's feed link carries the version of their feed, and renewing the
-- link (preferences page) moves the version on, so every earlier link stops working. No row: version 0,
-- the links made before feeds had versions.
create table calendar_feed (
    user_id text   primary key,
    version bigint not null check (version > 0)
);

-- Login sessions ended before their tokens expire (logout, Keycloak's back-channel logout), by the identity
-- provider's session id: every replica refuses a cookie of such a session at its next request. Kept a
-- while longer than any token of the session can live, then forgotten.
create table revoked_session (
    sid        text        primary key,
    revoked_at timestamptz not null
);
create index revoked_session_age on revoked_session (revoked_at);
