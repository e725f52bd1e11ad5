-- commitment_open (V19) served "waiting for us" until V20's commitment_awaits, whose conditions that query now
-- implies; no other query filters on the open states alone, so it only cost every commitment write an entry.
drop index commitment_open;
