#!/usr/bin/env bash
# Local Alliance Portal stack: PostgreSQL (reused, or the local cluster started),
# Keycloak in dev mode with the demo realm, and the portal itself.
#
#   deployment/stack.sh start | stop | status
#
# Every location and port comes from the environment (defaults below), so several stacks can
# run side by side with separate ALLIANCE_HOME and ports (the end-to-end tests do that).
# ALLIANCE_SKIP_PORTAL=1 runs only PostgreSQL + Keycloak (for tests that start the portal
# themselves); ALLIANCE_FRESH_DB=1 drops and recreates the portal database on start;
# ALLIANCE_PORTAL_JAR runs another portal build than portal/target/quarkus-app;
# ALLIANCE_SMTP_HOST/ALLIANCE_SMTP_PORT name the SMTP server of the portal's e-mail and of Keycloak's
# invitations (without ALLIANCE_SMTP_HOST the portal runs a demo mailbox on DEMO_MAILBOX_PORT, 2525).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/.." && pwd)

ALLIANCE_HOME=${ALLIANCE_HOME:-$SCRIPT_DIR/target/stack}
PORTAL_PORT=${PORTAL_PORT:-8080}
KEYCLOAK_PORT=${KEYCLOAK_PORT:-8180}
ALLIANCE_DB=${ALLIANCE_DB:-alliance}
# One role per database: each stack makes its own password (load_secrets) and sets it on its role at every
# start, so stacks side by side (a developer's and the end-to-end tests') must not share a role.
ALLIANCE_DB_USER=${ALLIANCE_DB_USER:-$ALLIANCE_DB}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PG_SUPERUSER=${PG_SUPERUSER:-postgres}
# Read by the realm import (placeholders in keycloak/alliance-realm.json) and by the portal.
export ALLIANCE_DEMO_PASSWORD=${ALLIANCE_DEMO_PASSWORD:-demo}
# The portal runs in its prod profile, which refuses the development secrets published in the repository:
# every secret (database password, client secrets, session/form/link keys, the log's key pair) is taken
# from the environment or else made at the first start and kept in $ALLIANCE_HOME/secrets (load_secrets).
# Keycloak sends the invitation e-mails (execute-actions) through the same SMTP server as the portal.
# The realm takes them at its first import only: a new server needs a fresh ALLIANCE_HOME (or the
# realm's Email settings in Keycloak's console).
# Without ALLIANCE_SMTP_HOST the demo brings its own mailbox: the portal runs a real SMTP server on
# DEMO_MAILBOX_PORT that keeps every e-mail (Keycloak's invitations too), shown at /demo/mailbox.
DEMO_MAILBOX_PORT=${DEMO_MAILBOX_PORT:-2525}
if [[ -n ${ALLIANCE_SMTP_HOST:-} ]]; then
    DEMO_MAILBOX=0
    SMTP_HOST=$ALLIANCE_SMTP_HOST
    SMTP_PORT=${ALLIANCE_SMTP_PORT:-25}
else
    DEMO_MAILBOX=1
    SMTP_HOST=127.0.0.1
    SMTP_PORT=$DEMO_MAILBOX_PORT
fi
KC_BOOTSTRAP_ADMIN_USERNAME=${KC_BOOTSTRAP_ADMIN_USERNAME:-kcadmin}
KC_BOOTSTRAP_ADMIN_PASSWORD=${KC_BOOTSTRAP_ADMIN_PASSWORD:-kcadmin}
ALLIANCE_SKIP_PORTAL=${ALLIANCE_SKIP_PORTAL:-0}
# The portal's maximum heap: its live heap is tens of MB; the JVM's default (a quarter of the machine)
# let the process grow to gigabytes before collecting.
PORTAL_HEAP=${ALLIANCE_PORTAL_HEAP:-384m}
ALLIANCE_FRESH_DB=${ALLIANCE_FRESH_DB:-0}
START_TIMEOUT=${ALLIANCE_START_TIMEOUT:-120}
# One place for the Keycloak version: the root pom's <keycloak.version>.
KEYCLOAK_VERSION=${KEYCLOAK_VERSION:-$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$REPO_ROOT/pom.xml" | head -n 1)}
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}

REALM_FILE=$SCRIPT_DIR/keycloak/alliance-realm.json
KC_DIST=$SCRIPT_DIR/target/keycloak-$KEYCLOAK_VERSION
KC_ZIP=$MAVEN_REPO/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip
PORTAL_JAR=${ALLIANCE_PORTAL_JAR:-$REPO_ROOT/portal/target/quarkus-app/quarkus-run.jar}

log() { printf '[stack] %s\n' "$*"; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# Absolute path from here on: pid checks match it against process command lines.
ALLIANCE_HOME=$(realpath -m "$ALLIANCE_HOME")
KC_HOME=$ALLIANCE_HOME/keycloak
KC_PID=$ALLIANCE_HOME/keycloak.pid
KC_LOG=$ALLIANCE_HOME/logs/keycloak.log
PORTAL_PID=$ALLIANCE_HOME/portal.pid
PORTAL_LOG=$ALLIANCE_HOME/logs/portal.log

KC_URL=http://localhost:$KEYCLOAK_PORT
KC_READY_URL=$KC_URL/realms/alliance/.well-known/openid-configuration
PORTAL_URL=http://localhost:$PORTAL_PORT

# ---------------------------------------------------------------- processes

# Prints the pid from a pid file if that process is alive and still ours (its command line
# names our ALLIANCE_HOME), so a recycled pid is never mistaken for our service.
live_pid() {
    local file=$1 pid
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    if [[ -r /proc/$pid/cmdline ]]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$ALLIANCE_HOME" || return 1
    else
        ps -ww -o args= -p "$pid" | grep -qF -- "$ALLIANCE_HOME" || return 1
    fi
    echo "$pid"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

keycloak_healthy() { [[ $(http_code "$KC_READY_URL") == 200 ]]; }

portal_healthy() {
    local code
    code=$(http_code "$PORTAL_URL/q/health/ready")
    [[ $code == 200 ]] && return 0
    # No health extension in the portal: any HTTP answer on / means it is up.
    [[ $code == 404 ]] && [[ $(http_code "$PORTAL_URL/") != 000 ]]
}

# Starts a command detached in its own session (setsid), so Ctrl-C in the calling terminal
# or a test runner's process-group kill does not take it down; `stop` uses the pid file.
launch() {
    local pidfile=$1 logfile=$2; shift 2
    [[ -f $logfile ]] && mv -f "$logfile" "$logfile.1"
    if command -v setsid >/dev/null; then
        setsid nohup "$@" >"$logfile" 2>&1 </dev/null &
    else
        nohup "$@" >"$logfile" 2>&1 </dev/null &
    fi
    echo $! >"$pidfile"
}

# Waits until `check` succeeds; on timeout or early death prints the log tail and fails.
await() {
    local name=$1 check=$2 pidfile=$3 logfile=$4 deadline=$((SECONDS + START_TIMEOUT))
    until $check; do
        if ! live_pid "$pidfile" >/dev/null; then
            tail -n 30 "$logfile" >&2 || true
            die "$name exited during start-up (log: $logfile)"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 30 "$logfile" >&2 || true
            die "$name not ready after ${START_TIMEOUT}s (log: $logfile)"
        fi
        sleep 1
    done
}

stop_service() {
    local name=$1 pidfile=$2 pid
    if ! pid=$(live_pid "$pidfile"); then
        rm -f "$pidfile"
        log "$name: not running"
        return 0
    fi
    log "$name: stopping (pid $pid)"
    # The process leads its own process group (setsid): signal the group so children
    # (kc.sh runs java as a child) go too.
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "$name: still alive after 30 s, killing"
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
    log "$name: stopped"
}

# ---------------------------------------------------------------- prerequisites

require_tools() {
    command -v curl >/dev/null || die "curl is required: apt-get install curl"
    local java=${JAVA_HOME:+$JAVA_HOME/bin/}java version
    command -v "$java" >/dev/null \
        || die "Java 17+ is required and was not found: apt-get install openjdk-17-jdk-headless (or set JAVA_HOME / PATH)"
    version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ ! ${version%%.*} =~ ^[0-9]+$ ]] || ((${version%%.*} < 17)); then
        die "Java 17+ is required, found '$version' ($java): apt-get install openjdk-17-jdk-headless (or set JAVA_HOME)"
    fi
}

# ---------------------------------------------------------------- secrets

SECRETS_DIR=$ALLIANCE_HOME/secrets

# Prints the stack's secret NAME, made at the first start (random, 64 characters) and kept, readable by
# the owner only, so restarts keep sessions and links valid and the realm's client secrets in step.
state_secret() {
    local file=$SECRETS_DIR/$1
    if [[ ! -s $file ]]; then
        mkdir -p "$SECRETS_DIR"
        (umask 077 && head -c 64 /dev/urandom | base64 -w0 | tr -d '/+=' | head -c 64 >"$file")
    fi
    cat "$file"
}

# The log's Ed25519 pair (base64 DER, as docs/transparency-log.md makes it), made at the first start.
state_log_keys() {
    if [[ ! -s $SECRETS_DIR/log-signing-key || ! -s $SECRETS_DIR/log-public-key ]]; then
        command -v openssl >/dev/null \
            || die "openssl is needed to make the log's signing key: apt-get install openssl (or set ALLIANCE_LOG_SIGNING_KEY and ALLIANCE_LOG_PUBLIC_KEY)"
        mkdir -p "$SECRETS_DIR"
        (umask 077 && openssl genpkey -algorithm ed25519 -outform DER | base64 -w0 >"$SECRETS_DIR/log-signing-key")
        base64 -d "$SECRETS_DIR/log-signing-key" | openssl pkey -inform DER -pubout -outform DER | base64 -w0 \
            >"$SECRETS_DIR/log-public-key"
    fi
}

# Whether Keycloak's realm was imported before this stack kept its client secrets (a state folder from an
# older launcher): then the realm still has the development secrets and sync_client_secrets replaces them.
CLIENT_SECRETS_NEW=0

load_secrets() {
    if [[ -z ${PORTAL_CLIENT_SECRET:-} && ! -s $SECRETS_DIR/portal-client-secret && -d $KC_HOME/data ]]; then
        CLIENT_SECRETS_NEW=1
    fi
    ALLIANCE_DB_PASSWORD=${ALLIANCE_DB_PASSWORD:-$(state_secret db-password)}
    export PORTAL_CLIENT_SECRET=${PORTAL_CLIENT_SECRET:-$(state_secret portal-client-secret)}
    export PORTAL_ADMIN_CLIENT_SECRET=${PORTAL_ADMIN_CLIENT_SECRET:-$(state_secret portal-admin-client-secret)}
    ALLIANCE_SESSION_KEY=${ALLIANCE_SESSION_KEY:-$(state_secret session-key)}
    ALLIANCE_FORM_KEY=${ALLIANCE_FORM_KEY:-$(state_secret form-key)}
    ALLIANCE_LINK_KEY=${ALLIANCE_LINK_KEY:-$(state_secret link-key)}
    if [[ -z ${ALLIANCE_LOG_SIGNING_KEY:-} ]]; then
        state_log_keys
        ALLIANCE_LOG_SIGNING_KEY=$(<"$SECRETS_DIR/log-signing-key")
        ALLIANCE_LOG_PUBLIC_KEY=$(<"$SECRETS_DIR/log-public-key")
    fi
}

# Sets the realm's client secrets to this stack's, through Keycloak's admin REST API as the bootstrap
# administrator; only for a realm imported by an older launcher with the development secrets.
sync_client_secrets() {
    local token client id
    token=$(curl -s -m 10 -d grant_type=password -d client_id=admin-cli \
        --data-urlencode "username=$KC_BOOTSTRAP_ADMIN_USERNAME" --data-urlencode "password=$KC_BOOTSTRAP_ADMIN_PASSWORD" \
        "$KC_URL/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
    [[ -n $token ]] || die "cannot log in to Keycloak as $KC_BOOTSTRAP_ADMIN_USERNAME to set the realm's client secrets; delete $KC_HOME to import the realm afresh"
    for client in portal:$PORTAL_CLIENT_SECRET portal-admin-api:$PORTAL_ADMIN_CLIENT_SECRET; do
        id=$(curl -s -m 10 -H "Authorization: Bearer $token" "$KC_URL/admin/realms/alliance/clients?clientId=${client%%:*}" \
            | sed -n 's/^\[{"id":"\([^"]*\)".*/\1/p')
        [[ -n $id ]] || die "Keycloak has no client ${client%%:*} in the realm alliance"
        [[ $(curl -s -o /dev/null -w '%{http_code}' -m 10 -X PUT -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d "{\"clientId\":\"${client%%:*}\",\"secret\":\"${client#*:}\"}" \
            "$KC_URL/admin/realms/alliance/clients/$id") == 204 ]] || die "could not set the secret of client ${client%%:*}"
    done
    log "Keycloak: the realm's client secrets are now this stack's ($SECRETS_DIR)"
}

# ---------------------------------------------------------------- PostgreSQL

ensure_postgres() {
    if ! command -v psql >/dev/null || ! command -v pg_isready >/dev/null; then
        die "PostgreSQL client tools not found. Install PostgreSQL 15+: apt-get install postgresql (or, for a remote server, apt-get install postgresql-client and set PGHOST/PGPORT)"
    fi
    pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0

    # Nothing answers: start the local Debian cluster on that port, if there is one.
    local cluster=""
    if [[ $PGHOST == 127.0.0.1 || $PGHOST == localhost || $PGHOST == /* ]] && command -v pg_lsclusters >/dev/null; then
        cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PGPORT" '$3 == p { print $1, $2; exit }')
    fi
    [[ -n $cluster ]] \
        || die "No PostgreSQL answers at $PGHOST:$PGPORT. Install PostgreSQL 15+: apt-get install postgresql — or point PGHOST/PGPORT at a running server."
    log "PostgreSQL: starting local cluster $cluster"
    # --skip-systemctl-redirect: no systemd on these machines; run pg_ctl directly.
    # shellcheck disable=SC2086 # "<version> <name>"
    pg_ctlcluster --skip-systemctl-redirect $cluster start \
        || die "could not start PostgreSQL cluster $cluster (try as root: pg_ctlcluster $cluster start)"
    for _ in $(seq 1 30); do
        pg_isready -q -h "$PGHOST" -p "$PGPORT" && return 0
        sleep 1
    done
    die "PostgreSQL cluster $cluster started but $PGHOST:$PGPORT does not answer"
}

# Runs SQL from stdin as the PostgreSQL superuser: over TCP first (trust or ~/.pgpass),
# else through the local socket as the postgres OS user (peer auth) when we may switch user.
psql_super() {
    local args=(-X -q -w -v ON_ERROR_STOP=1 -p "$PGPORT" -d postgres "$@")
    if PGCONNECT_TIMEOUT=5 psql -h "$PGHOST" -U "$PG_SUPERUSER" "${args[@]}" -Atc 'select 1' >/dev/null 2>&1; then
        psql -h "$PGHOST" -U "$PG_SUPERUSER" "${args[@]}"
    elif [[ $EUID -eq 0 ]] && command -v runuser >/dev/null; then
        runuser -u postgres -- psql "${args[@]}"
    elif command -v sudo >/dev/null && sudo -n -u postgres true 2>/dev/null; then
        sudo -n -u postgres psql "${args[@]}"
    else
        die "cannot connect to PostgreSQL at $PGHOST:$PGPORT as superuser '$PG_SUPERUSER' to create the database; set PGPASSWORD (or ~/.pgpass), or create role '$ALLIANCE_DB_USER' and database '$ALLIANCE_DB' yourself"
    fi
}

ensure_database() {
    if [[ $ALLIANCE_FRESH_DB == 1 ]]; then
        log "PostgreSQL: dropping database $ALLIANCE_DB (ALLIANCE_FRESH_DB=1)"
        psql_super -v db="$ALLIANCE_DB" <<'SQL'
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
    fi
    # Idempotent: create role and database only if missing; keep the password in step
    # with the configuration.
    psql_super -v db="$ALLIANCE_DB" -v db_user="$ALLIANCE_DB_USER" -v db_password="$ALLIANCE_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'db_user')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'db_user') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'db_user', :'db_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'db', :'db_user')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
    # Prove the portal's own credentials work before blaming the portal for it later.
    PGPASSWORD=$ALLIANCE_DB_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -w -h "$PGHOST" -p "$PGPORT" \
        -U "$ALLIANCE_DB_USER" -d "$ALLIANCE_DB" -Atc 'select 1' >/dev/null \
        || die "role $ALLIANCE_DB_USER cannot log in to $ALLIANCE_DB at $PGHOST:$PGPORT (check pg_hba.conf)"
    log "PostgreSQL: database $ALLIANCE_DB (user $ALLIANCE_DB_USER) at $PGHOST:$PGPORT ready"
}

# ---------------------------------------------------------------- builds

maven() {
    if [[ -x $REPO_ROOT/mvnw ]]; then
        (cd "$REPO_ROOT" && ./mvnw "$@")
    elif command -v mvn >/dev/null; then
        (cd "$REPO_ROOT" && mvn "$@")
    else
        die "neither ./mvnw nor mvn found to build $*"
    fi
}

ensure_portal_build() {
    [[ -f $PORTAL_JAR ]] && return 0
    log "portal: building (first run, takes a few minutes)"
    maven -q -DskipTests package -pl portal -am
    [[ -f $PORTAL_JAR ]] || die "build finished but $PORTAL_JAR is missing"
}

# Unpacks a zip without needing `unzip`: the JDK's jar tool reads zips too (it drops the
# executable bits, restored by the caller).
extract_zip() {
    local zip=$1 dest=$2
    if command -v unzip >/dev/null; then
        unzip -q "$zip" -d "$dest"
    else
        (cd "$dest" && jar xf "$zip")
    fi
}

# Each stack gets its own copy of the distribution: start-dev keeps its H2 database under
# <kc>/data/h2 and writes its build into <kc>/lib, so a shared copy would share users and
# sessions between stacks and dirty the pristine one in deployment/target.
ensure_keycloak_copy() {
    [[ -x $KC_HOME/bin/kc.sh ]] && return 0
    local tmp=$ALLIANCE_HOME/keycloak.partial
    rm -rf "$tmp"
    mkdir -p "$tmp"
    if [[ ! -d $KC_DIST && ! -f $KC_ZIP ]]; then
        log "Keycloak: fetching distribution $KEYCLOAK_VERSION"
        maven -q -pl deployment generate-resources
    fi
    if [[ -d $KC_DIST ]]; then
        log "Keycloak: copying $KC_DIST"
        cp -R "$KC_DIST" "$tmp/keycloak-$KEYCLOAK_VERSION"
    elif [[ -f $KC_ZIP ]]; then
        log "Keycloak: unpacking $KC_ZIP"
        extract_zip "$KC_ZIP" "$tmp"
    else
        die "Keycloak distribution not found ($KC_DIST or $KC_ZIP)"
    fi
    rm -rf "$tmp/keycloak-$KEYCLOAK_VERSION/data"   # never inherit someone else's database
    chmod +x "$tmp/keycloak-$KEYCLOAK_VERSION"/bin/*.sh
    mv "$tmp/keycloak-$KEYCLOAK_VERSION" "$KC_HOME"  # only a complete copy gets the real name
    rm -rf "$tmp"
}

# ---------------------------------------------------------------- services

# Keycloak has no "STARTTLS if offered": only the portal's REQUIRED turns it on (a local test server speaks plain SMTP).
keycloak_starttls() {
    if [[ ${ALLIANCE_SMTP_STARTTLS:-} == REQUIRED ]]; then echo true; else echo false; fi
}

start_keycloak() {
    if live_pid "$KC_PID" >/dev/null; then
        log "Keycloak: already running (pid $(<"$KC_PID"))"
    else
        rm -f "$KC_PID"
        port_in_use "$KEYCLOAK_PORT" \
            && die "port $KEYCLOAK_PORT is taken by another process; stop it or set KEYCLOAK_PORT"
        ensure_keycloak_copy
        # Imported only when the realm does not exist yet (first start of this ALLIANCE_HOME).
        mkdir -p "$KC_HOME/data/import"
        cp "$REALM_FILE" "$KC_HOME/data/import/alliance-realm.json"
        log "Keycloak: starting on port $KEYCLOAK_PORT (log: $KC_LOG)"
        KC_BOOTSTRAP_ADMIN_USERNAME=$KC_BOOTSTRAP_ADMIN_USERNAME \
        KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_BOOTSTRAP_ADMIN_PASSWORD \
        ALLIANCE_SMTP_HOST=$SMTP_HOST \
        ALLIANCE_SMTP_PORT=$SMTP_PORT \
        ALLIANCE_KEYCLOAK_SMTP_STARTTLS=$(keycloak_starttls) \
        ALLIANCE_PORTAL_URL=${ALLIANCE_PORTAL_URL:-$PORTAL_URL} \
            launch "$KC_PID" "$KC_LOG" "$KC_HOME/bin/kc.sh" start-dev --http-port "$KEYCLOAK_PORT" --import-realm
    fi
    await Keycloak keycloak_healthy "$KC_PID" "$KC_LOG"
    [[ $CLIENT_SECRETS_NEW == 1 ]] && sync_client_secrets
    log "Keycloak: ready at $KC_URL"
}


# The portal's own mailbox when the demo has no SMTP server (see DEMO_MAILBOX above).
demo_mailbox_port() {
    if [[ $DEMO_MAILBOX == 1 ]]; then echo "$DEMO_MAILBOX_PORT"; fi
}

start_portal() {
    if live_pid "$PORTAL_PID" >/dev/null; then
        log "portal: already running (pid $(<"$PORTAL_PID"))"
    else
        rm -f "$PORTAL_PID"
        port_in_use "$PORTAL_PORT" \
            && die "port $PORTAL_PORT is taken by another process; stop it or set PORTAL_PORT"
        [[ $DEMO_MAILBOX == 1 ]] && port_in_use "$DEMO_MAILBOX_PORT" \
            && die "port $DEMO_MAILBOX_PORT (the demo mailbox) is taken; stop what uses it, set DEMO_MAILBOX_PORT, or set ALLIANCE_SMTP_HOST to use your SMTP server"
        ensure_portal_build
        log "portal: starting on port $PORTAL_PORT (log: $PORTAL_LOG)"
        # -Dalliance.stack names ALLIANCE_HOME on the command line so live_pid recognises it.
        QUARKUS_HTTP_PORT=$PORTAL_PORT \
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://$PGHOST:$PGPORT/$ALLIANCE_DB \
        QUARKUS_DATASOURCE_USERNAME=$ALLIANCE_DB_USER \
        QUARKUS_DATASOURCE_PASSWORD=$ALLIANCE_DB_PASSWORD \
        QUARKUS_OIDC_AUTH_SERVER_URL=$KC_URL/realms/alliance \
        QUARKUS_OIDC_CLIENT_ID=portal \
        QUARKUS_OIDC_CREDENTIALS_SECRET=$PORTAL_CLIENT_SECRET \
        ALLIANCE_KEYCLOAK_URL=$KC_URL \
        ALLIANCE_KEYCLOAK_REALM=alliance \
        ALLIANCE_KEYCLOAK_ADMIN_SECRET=$PORTAL_ADMIN_CLIENT_SECRET \
        ALLIANCE_DEMO_ENABLED=true \
        ALLIANCE_PORTAL_URL=${ALLIANCE_PORTAL_URL:-$PORTAL_URL} \
        ALLIANCE_MAIL_MOCK=${ALLIANCE_MAIL_MOCK:-false} \
        ALLIANCE_SMTP_HOST=$SMTP_HOST \
        ALLIANCE_SMTP_PORT=$SMTP_PORT \
        ALLIANCE_SMTP_STARTTLS=${ALLIANCE_SMTP_STARTTLS:-$(if [[ $DEMO_MAILBOX == 1 ]]; then echo DISABLED; else echo OPTIONAL; fi)} \
        ALLIANCE_DEMO_MAILBOX_PORT=$(demo_mailbox_port) \
        ALLIANCE_SESSION_KEY=$ALLIANCE_SESSION_KEY \
        ALLIANCE_FORM_KEY=$ALLIANCE_FORM_KEY \
        ALLIANCE_LINK_KEY=$ALLIANCE_LINK_KEY \
        ALLIANCE_LOG_SIGNING_KEY=$ALLIANCE_LOG_SIGNING_KEY \
        ALLIANCE_LOG_PUBLIC_KEY=${ALLIANCE_LOG_PUBLIC_KEY:-} \
            launch "$PORTAL_PID" "$PORTAL_LOG" \
            "${JAVA_HOME:+$JAVA_HOME/bin/}java" "-Xmx$PORTAL_HEAP" "-Dalliance.stack=$ALLIANCE_HOME" -jar "$PORTAL_JAR"
    fi
    await portal portal_healthy "$PORTAL_PID" "$PORTAL_LOG"
    log "portal: ready at $PORTAL_URL"
}

# ---------------------------------------------------------------- commands

cmd_start() {
    mkdir -p "$ALLIANCE_HOME/logs"
    require_tools
    load_secrets
    ensure_postgres
    ensure_database
    [[ $ALLIANCE_SKIP_PORTAL == 1 ]] || ensure_portal_build   # build before Keycloak eats the CPU
    start_keycloak
    [[ $ALLIANCE_SKIP_PORTAL == 1 ]] || start_portal
    cat <<EOF

Alliance Portal stack is up (state in $ALLIANCE_HOME).
  Portal:    $(if [[ $ALLIANCE_SKIP_PORTAL == 1 ]]; then echo "not started (ALLIANCE_SKIP_PORTAL=1)"; else echo "$PORTAL_URL  (admin console: $PORTAL_URL/admin, login admin)"; fi)
  Keycloak:  $KC_URL/admin  (console user $KC_BOOTSTRAP_ADMIN_USERNAME, password from KC_BOOTSTRAP_ADMIN_PASSWORD, set at its first start)
  Database:  $ALLIANCE_DB at $PGHOST:$PGPORT (user $ALLIANCE_DB_USER)
  E-mail:    $(if [[ $DEMO_MAILBOX == 0 ]]; then echo "SMTP $SMTP_HOST:$SMTP_PORT (portal and Keycloak's invitations)"; else echo "demo mailbox: $PORTAL_URL/demo/mailbox (every e-mail, invitations too; set ALLIANCE_SMTP_HOST for a real server)"; fi)

Demo logins (password: $ALLIANCE_DEMO_PASSWORD):
  alice  Acme Corp lead        anna   Acme Corp member
  bruno  Globex Inc lead       bella  Globex Inc member
  ivan   Initech lead          admin  platform administrator
Stop with: $0 stop
EOF
}

cmd_stop() {
    stop_service portal "$PORTAL_PID"
    stop_service Keycloak "$KC_PID"
    log "PostgreSQL is shared and left running."
}

cmd_status() {
    local pid all=0
    if pid=$(live_pid "$KC_PID"); then
        if keycloak_healthy; then log "Keycloak: running, pid $pid, port $KEYCLOAK_PORT, $KC_URL/admin"
        else log "Keycloak: starting (not ready yet), pid $pid, port $KEYCLOAK_PORT"; all=3; fi
    else
        log "Keycloak: stopped"; all=3
    fi
    if pid=$(live_pid "$PORTAL_PID"); then
        if portal_healthy; then log "portal: running, pid $pid, port $PORTAL_PORT, $PORTAL_URL"
        else log "portal: starting (not ready yet), pid $pid, port $PORTAL_PORT"; all=3; fi
    elif [[ $ALLIANCE_SKIP_PORTAL == 1 ]]; then
        log "portal: not managed (ALLIANCE_SKIP_PORTAL=1)"
    else
        log "portal: stopped"; all=3
    fi
    if command -v pg_isready >/dev/null && pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
        log "PostgreSQL: accepting connections at $PGHOST:$PGPORT (database $ALLIANCE_DB)"
    else
        log "PostgreSQL: not answering at $PGHOST:$PGPORT"; all=3
    fi
    log "state: $ALLIANCE_HOME"
    return $all
}

case ${1:-} in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
