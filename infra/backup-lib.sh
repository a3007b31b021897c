#!/usr/bin/env bash
# Helpers shared by infra/backup and infra/restore (sourced after lib.sh).

pg_dump_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    pg_dump -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"
  else
    runuser -u postgres -- pg_dump "$@"
  fi
}

pg_restore_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    pg_restore -h "$PG_HOST" -p "$PG_PORT" -U postgres "$@"
  else
    runuser -u postgres -- pg_restore "$@"
  fi
}

# One line per table of the public schema: name, row count, md5 of its rows in a stable order.
# $2: a snapshot id to read in (empty: the current state).
table_manifest() {
  local db="$1" snapshot="$2" set_snapshot="" tables sql=""
  [[ -n "$snapshot" ]] && set_snapshot="set transaction snapshot '$snapshot';"
  tables="$(psql_admin -d "$db" -c "select tablename from pg_tables where schemaname = 'public' order by 1")"
  local t
  for t in $tables; do
    [[ -n "$sql" ]] && sql+=" union all "
    sql+="select '$t', count(*), md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) from public.\"$t\" x"
  done
  # sorted once more: the planner may append the per-table counts in parallel, in any order
  psql_admin -d "$db" -F $'\t' <<SQL
begin isolation level repeatable read read only;
$set_snapshot
select * from ($sql) manifest order by 1;
commit;
SQL
}

safe_name() { printf '%s' "${1:-file}" | tr -c 'A-Za-z0-9._\n-' '_' | cut -c1-80; }
