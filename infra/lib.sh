#!/usr/bin/env bash
# Shared helpers for infra/up, infra/down and infra/test: bring up the real components on this machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
KC_VERSION="${KC_VERSION:-26.5.6}"
KC_HOME="$CACHE/keycloak-$KC_VERSION"
KC_PORT="${KC_PORT:-8180}"
KC_MGMT_PORT="${KC_MGMT_PORT:-9100}"
APP_PORT="${APP_PORT:-8080}"
# health and metrics: the service's management port, on loopback only (never the public APP_PORT)
JIFEN_MANAGEMENT_PORT="${JIFEN_MANAGEMENT_PORT:-$((APP_PORT + 1000))}"
# The service's JVM (issue 17, item 6: resident size under 768 MB after load; README, Benchmarks says what each
# costs): G1 (the serial collector's full collections, which the JIT's code cache triggers while it warms up, stopped
# reads for 100-200 ms), a bounded heap, metaspace, code cache, direct buffers (Netty) and thread stacks. The AOT
# cache is trained with the same flags.
JIFEN_JVM_OPTS="${JIFEN_JVM_OPTS:--XX:+UseG1GC -Xms64m -Xmx512m -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=96m -XX:MaxDirectMemorySize=128m -Xss512k}"
DB_NAME="${DB_NAME:-jifen}"
PG_HOST=127.0.0.1
PG_PORT=5432
mkdir -p "$CACHE/logs"

log() { printf '\033[1;34m[jifen]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[jifen] %s\033[0m\n' "$*" >&2; exit 1; }

# The machine's default java is 17; the project and Keycloak need 25 (Temurin, under /usr/lib/jvm).
pick_jdk() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "2[5-9]'; then return; fi
  local jdk
  jdk="$(first /usr/lib/jvm/temurin-25* || true)"
  [[ -n "$jdk" ]] || die "找不到 JDK 25 (no JDK 25 under /usr/lib/jvm; install temurin-25-jdk)"
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
}

apt_install() {
  command -v apt-get >/dev/null || die "cannot install $*: no apt-get"
  log "installing $* from Debian packages"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The first path a glob matched (globs expand sorted), or failure when it matched nothing.
first() { [[ -e "$1" ]] && printf '%s\n' "$1"; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# The shell scripts of infra/ (and .ci/run) through shellcheck: a script is every file here that starts with a shebang.
check_scripts() {
  command -v shellcheck >/dev/null || apt_install shellcheck
  local scripts=() f
  for f in "$ROOT"/infra/* "$ROOT"/.ci/run; do
    [[ -f "$f" ]] && head -1 "$f" | grep -q '^#!.*sh' && scripts+=("$f")
  done
  log "shellcheck over ${#scripts[@]} scripts"
  shellcheck "${scripts[@]}" || die "shellcheck found problems in the scripts above"
}

# Maven as the repository pins it (.mvn/wrapper/maven-wrapper.properties: the version and the SHA-256 of its
# distribution), fetched once from Maven Central into ~/.m2/wrapper by ./mvnw (curl, wget, or the JDK itself): every
# `mvn` in these scripts is the wrapper, whatever Maven the machine has or lacks.
mvn() { "$ROOT/mvnw" "$@"; }
ensure_maven() { mvn --version >/dev/null || die "cannot fetch Maven through ./mvnw (is Maven Central reachable?)"; }

ensure_postgres() {
  if ! port_open $PG_HOST $PG_PORT; then
    command -v pg_ctlcluster >/dev/null || apt_install postgresql
    log "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -1)" main start || true
    for _ in $(seq 1 30); do port_open $PG_HOST $PG_PORT && break; sleep 1; done
    port_open $PG_HOST $PG_PORT || die "PostgreSQL did not start on $PG_HOST:$PG_PORT"
  fi
}

# Superuser access: the local socket as the postgres OS user works on a stock Debian install
# (peer auth); the loopback port works where trust auth is configured.
psql_admin() {
  if psql -h $PG_HOST -p $PG_PORT -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h $PG_HOST -p $PG_PORT -U postgres -v ON_ERROR_STOP=1 -Atq "$@"
  else
    runuser -u postgres -- psql -v ON_ERROR_STOP=1 -Atq "$@"
  fi
}

# The database and its roles (infra/db/roles.sql, the one copy the Compose file and the tests run too): the owner
# migrates (Liquibase over JDBC); the service's role owns nothing and has no BYPASSRLS, so row-level security always
# applies to it; platform operations have a role of their own.
ensure_database() {
  local db="$1"
  if [[ "$(psql_admin -d postgres -c "select 1 from pg_database where datname = '$db'")" != "1" ]]; then
    log "creating database $db"
    psql_admin -d postgres -c "create database \"$db\" encoding 'UTF8' template template0"
  fi
  psql_admin -d "$db" <"$ROOT/infra/db/roles.sql" >/dev/null
}

ensure_redis() {
  if ! port_open 127.0.0.1 6379; then
    command -v redis-server >/dev/null || apt_install redis-server
    log "starting Redis"
    mkdir -p /var/lib/redis /var/log/redis
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log
    for _ in $(seq 1 20); do port_open 127.0.0.1 6379 && break; sleep 0.5; done
    port_open 127.0.0.1 6379 || die "Redis did not start"
  fi
}

# Notices are PDFs with Chinese text: they need a CJK font (Debian's WenQuanYi Micro Hei).
ensure_fonts() {
  [[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]] || apt_install fonts-wqy-microhei
}

# Keycloak runs on an LTS JDK it is tested with and that needs no extra --add-opens: Debian's OpenJDK 17 (the
# machine's default java; installed when absent). On JDK 25 Keycloak 26.5's shutdown hook fails with an
# IllegalAccessError, so a stop is not clean there.
keycloak_java() {
  local jdk
  for jdk in /usr/lib/jvm/java-21-openjdk-* /usr/lib/jvm/java-17-openjdk-*; do
    [[ -x "$jdk/bin/java" ]] && { echo "$jdk"; return; }
  done
  apt_install openjdk-17-jre-headless >/dev/null
  first /usr/lib/jvm/java-17-openjdk-*
}

keycloak_is_ours() { [[ -f "$CACHE/keycloak.pid" ]] && kill -0 "$(cat "$CACHE/keycloak.pid")" 2>/dev/null; }

keycloak_ready() { curl -sf "http://127.0.0.1:$KC_PORT/realms/jifen/.well-known/openid-configuration" >/dev/null 2>&1; }

ensure_keycloak() {
  pick_jdk
  local realm="$ROOT/infra/keycloak/jifen-realm.json"
  local stamp; stamp="$(sha256sum "$realm" | cut -c1-16)"
  if port_open 127.0.0.1 "$KC_PORT"; then
    # Only a Keycloak this checkout started (its pid file, still alive) may be reused or restarted: another
    # checkout's Keycloak on the same port is left alone, whatever realm it serves.
    if ! keycloak_is_ours; then
      die "端口 $KC_PORT 已被其他程序占用 (port $KC_PORT is taken by a Keycloak or program this checkout did not start; stop it or set KC_PORT=… KC_MGMT_PORT=… JIFEN_KEYCLOAK_URL=…)"
    fi
    if keycloak_ready && [[ -f "$CACHE/keycloak.realm" && "$(cat "$CACHE/keycloak.realm")" == "$stamp" ]]; then return; fi
    log "realm export changed: restarting Keycloak"
    stop_keycloak
  fi
  if [[ ! -x "$KC_HOME/bin/kc.sh" ]]; then
    local tgz="$CACHE/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
    if [[ ! -s "$tgz" ]]; then
      log "fetching Keycloak $KC_VERSION from Maven Central"
      curl -sSfL -o "$tgz.part" "https://repo1.maven.org/maven2/org/keycloak/keycloak-quarkus-dist/$KC_VERSION/keycloak-quarkus-dist-$KC_VERSION.tar.gz"
      mv "$tgz.part" "$tgz"
    fi
    tar -xzf "$tgz" -C "$CACHE"
  fi
  # The realm is imported at start; a fresh data folder makes sure the export in infra/ is what runs.
  rm -rf "$KC_HOME/data"
  mkdir -p "$KC_HOME/data/import"
  cp "$realm" "$KC_HOME/data/import/"
  log "starting Keycloak $KC_VERSION on 127.0.0.1:$KC_PORT (Java: $(keycloak_java))"
  JAVA_HOME="$(keycloak_java)" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    nohup "$KC_HOME/bin/kc.sh" start-dev --import-realm --http-host=127.0.0.1 --http-port="$KC_PORT" \
      --http-management-port="$KC_MGMT_PORT" --health-enabled=true >"$CACHE/logs/keycloak.log" 2>&1 &
  echo $! >"$CACHE/keycloak.pid"
  for _ in $(seq 1 300); do keycloak_ready && break; sleep 1; done
  keycloak_ready || { tail -50 "$CACHE/logs/keycloak.log" >&2; die "Keycloak did not start (log: .cache/logs/keycloak.log)"; }
  echo "$stamp" >"$CACHE/keycloak.realm"
}

stop_pidfile() {
  local f="$1"
  if [[ -f "$f" ]]; then
    local pid; pid="$(cat "$f")"
    if kill -0 "$pid" 2>/dev/null; then
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
      kill -0 "$pid" 2>/dev/null && { log "pid $pid did not stop in 30 s: killing it"; kill -KILL "$pid" 2>/dev/null || true; }
    fi
    rm -f "$f"
  fi
}

# Stops the Keycloak this checkout started, and nothing else: a pattern match on the port would also end a
# second checkout's Keycloak.
stop_keycloak() {
  if keycloak_is_ours; then
    stop_pidfile "$CACHE/keycloak.pid"
    for _ in $(seq 1 30); do port_open 127.0.0.1 "$KC_PORT" || break; sleep 1; done
  fi
  rm -f "$CACHE/keycloak.pid" "$CACHE/keycloak.realm"
}

# ───────────── the web console (web/): Node from Debian's packages, Debian's Chromium for its browser tests ─────────────

# Vite 8 needs Node 20.19 or newer; the machines here come with it, a bare Debian gets its own nodejs and npm.
ensure_node() {
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then apt_install nodejs npm; fi
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node $(node --version) is too old for the web console (Vite needs 20.19 or newer)"
}

# Playwright's own browser download is not reachable here: the tests drive Debian's chromium.
ensure_chromium() { [[ -x /usr/bin/chromium ]] || apt_install chromium; }

# npm ci from the committed lock file, operation types generated from schema.graphqls, type check, bundle into
# web/dist, which the service serves at / (jifen.console.dir).
build_web() {
  ensure_node
  log "building the web console (web/dist)"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error && npm run -s build >"$CACHE/logs/web-build.log" 2>&1) \
    || { tail -40 "$CACHE/logs/web-build.log" >&2; die "the web console did not build (log: .cache/logs/web-build.log)"; }
}

# A free port among those the realm's points-web client accepts as redirect targets (18080–18089).
free_web_test_port() {
  local p
  for p in $(seq 18080 18089); do port_open 127.0.0.1 "$p" || { echo "$p"; return; }; done
  die "no free port in 18080–18089 for the web tests"
}

# The JVM flags the service runs with: JIFEN_JVM_OPTS, and Spring AOT's generated initializers when jar $1 carries
# them (built with -Paot: infra/up, bench/run reads and growth); a jar without them starts as before.
service_jvm_opts() {
  if "$JAVA_HOME/bin/jar" tf "$1" | grep -q '__ApplicationContextInitializer.class$'; then
    echo "$JIFEN_JVM_OPTS -Dspring.aot.enabled=true"
  else
    echo "$JIFEN_JVM_OPTS"
  fi
}

# A port nobody listens on now (the AOT cache's training start serves on loopback for a few seconds).
free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 20000))
    port_open 127.0.0.1 "$p" || { echo "$p"; return; }
  done
  die "no free port found"
}

# The JDK's AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) for the packaged service, under
# $CACHE/aot: the jar extracted (the cache needs plain jars on the class path, not Spring Boot's nested ones) and one
# training start against database $1. The training start runs as the service runs, until readiness answers, then
# serves a few requests (readiness, metrics, GraphQL with and without a token) and stops: what the first readiness
# check and the first requests load (the R2DBC pool, Lettuce, the JWKS client, the GraphQL engine) is in the cache
# too, not only what the context refresh loads. When the jar carries Spring AOT's generated initializers (built
# with -Paot, as infra/up builds it), the service runs them (-Dspring.aot.enabled=true) and is trained with them.
# Rebuilt when the jar is newer. Prints the java arguments that use it; a start without them behaves the same, only
# slower.
build_aot_cache() {
  local db="$1" jar dir="$CACHE/aot" opts
  jar="$(first "$ROOT"/platform/target/platform-*-exec.jar)"
  opts="$(service_jvm_opts "$jar")"
  if [[ ! -f "$dir/app.aot" || "$jar" -nt "$dir/app.aot" ]]; then
    rm -rf "$dir" && mkdir -p "$dir"
    "$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --destination "$dir/x" >/dev/null || die "cannot extract $jar"
    mv "$dir/x/$(basename "$jar")" "$dir/x/app.jar" && mv "$dir/x/app.jar" "$dir/x/lib" "$dir/" && rmdir "$dir/x"
    log "training the AOT cache (one start against $db; log: .cache/logs/aot-training.log)" >&2
    # the training start runs with the flags the service will run with (they shape what the cache holds)
    local -a jvm_opts
    read -ra jvm_opts <<<"$opts"
    local port management pid
    port="$(free_port)" management="$(free_port)"
    # the training start needs a ballot key like any start; it serves nothing that lasts, so a throwaway one does
    JIFEN_DB_NAME="$db" JIFEN_DEMO_LOAD=false APP_PORT="$port" JIFEN_MANAGEMENT_PORT="$management" \
      JIFEN_BALLOT_KEY="${JIFEN_BALLOT_KEY:-aot-training-only-ballot-key-0123456789}" \
      "$JAVA_HOME/bin/java" "${jvm_opts[@]}" -XX:AOTCacheOutput="$dir/app.aot" -jar "$dir/app.jar" \
      >"$CACHE/logs/aot-training.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 600); do
      curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null 2>&1 && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    aot_training_requests "$port" "$management"
    # a normal stop: the JVM writes the cache as it exits
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || true
    # a start that failed before it was ready trained on too little to keep
    if ! grep -q "AOTCache creation is complete" "$CACHE/logs/aot-training.log" || ! grep -q "Started PointsPlatformApplication" "$CACHE/logs/aot-training.log"; then
      rm -f "$dir/app.aot"
      log "AOT cache not built (see .cache/logs/aot-training.log)" >&2
    fi
  fi
  [[ -f "$dir/app.aot" ]] && echo "$opts -XX:AOTCache=$dir/app.aot -jar $dir/app.jar" || echo "$opts -jar $jar"
}

# What the training start serves: readiness and metrics as the probes and the scraper ask for them, GraphQL refused
# without a token and answered with one (a realm account's token when Keycloak answers; the answer may be an error,
# the code path is what counts). Each a few times, so the method profiles see them more than once.
aot_training_requests() {
  local port="$1" management="$2" token=""
  token="$(curl -s -m 10 -d grant_type=password -d client_id=points-web -d username=admin.qs -d 'password=Demo#2026' \
    "${JIFEN_KEYCLOAK_URL:-http://127.0.0.1:8180}/realms/${JIFEN_KEYCLOAK_REALM:-jifen}/protocol/openid-connect/token" \
    | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')" || true
  for _ in 1 2 3 4 5; do
    curl -s -m 10 -o /dev/null "http://127.0.0.1:$management/actuator/health/readiness" || true
    curl -s -m 10 -o /dev/null "http://127.0.0.1:$management/actuator/health/liveness" || true
    curl -s -m 10 -o /dev/null "http://127.0.0.1:$management/actuator/prometheus" || true
    curl -s -m 10 -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' "http://127.0.0.1:$port/graphql" || true
    [[ -n "$token" ]] || continue
    curl -s -m 10 -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
      -d '{"query":"{ me { username roles township { name } } }"}' "http://127.0.0.1:$port/graphql" || true
  done
  return 0
}

# The service with the demo county for the console's browser tests and bench: a free port and a fresh database of
# its own, the console from web/dist. Sets WEB_PORT; stop it with stop_console_service.
start_console_service() {
  local db="$1" pidfile="$CACHE/console-service.pid"
  WEB_PORT="$(free_web_test_port)"
  psql_admin -d postgres -c "drop database if exists $db with (force)" >/dev/null
  ensure_database "$db"
  first "$ROOT"/platform/target/platform-*-exec.jar >/dev/null || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package -pl platform -am)
  log "starting the service for the console on 127.0.0.1:$WEB_PORT (log: .cache/logs/console-service.log)"
  local management=$((WEB_PORT + 1000))
  JIFEN_DB_NAME="$db" APP_PORT="$WEB_PORT" JIFEN_MANAGEMENT_PORT="$management" JIFEN_DEMO_YEAR="${JIFEN_DEMO_YEAR:-true}" \
    JIFEN_CONSOLE_DIR="$ROOT/web/dist" nohup "$JAVA_HOME/bin/java" \
    -jar "$(first "$ROOT"/platform/target/platform-*-exec.jar)" --spring.profiles.active=dev \
    >"$CACHE/logs/console-service.log" 2>&1 &
  echo $! >"$pidfile"
  # the demo county is loaded at start: a larger demo year takes longer on a loaded machine
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$management/actuator/health/readiness" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 1
  done
  tail -40 "$CACHE/logs/console-service.log" >&2
  stop_console_service
  log "the service for the console did not start"
  return 1
}

stop_console_service() { stop_pidfile "$CACHE/console-service.pid"; }

# Browser tests of the console (Playwright Test, Debian's chromium, Keycloak's real login) against the service
# started above; the service is stopped whatever the outcome.
web_tests() {
  ensure_chromium
  build_web
  local rc=0
  start_console_service "${JIFEN_WEB_TEST_DB_NAME:-jifen_web_test}" || return 1
  (cd "$ROOT/web" && WEB_BASE_URL="http://127.0.0.1:$WEB_PORT" npx playwright test) || rc=$?
  stop_console_service
  return $rc
}
