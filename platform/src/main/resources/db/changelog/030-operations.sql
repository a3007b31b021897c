--liquibase formatted sql

--changeset jifen:030-tenant-status
-- A township's life on the platform: ACTIVE, or SUSPENDED by the operator (every request of its users and clients is
-- refused; nothing is deleted). The member categories it uses are chosen when it is onboarded.
alter table tenant add column status text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED'));
alter table tenant add column status_changed_at timestamptz;
alter table tenant add column categories text[] not null default '{}';

--changeset jifen:030-enter-tenant splitStatements:false
-- The first statement of every tenant transaction: sets the tenant and answers its status in one round trip, so a
-- suspended township is refused at the one door every request passes (TenantScope). Not SECURITY DEFINER: the
-- tenant's own row is visible to the caller once the tenant is set. NULL when the township does not exist (yet).
create or replace function enter_tenant(t text) returns text
  language plpgsql volatile
  as $$
declare
  s text;
begin
  perform set_config('app.tenant_id', t, true);
  select status into s from tenant where tenant_id = t;
  return s;
end
$$;
grant execute on function enter_tenant(text) to jifen_app;

--changeset jifen:030-onboarding
-- 开通乡镇: one row per onboarding request (its idempotency key). PENDING while the Keycloak accounts are being made,
-- DONE when the township exists; a retry with the same key continues a PENDING one and replays a DONE one.
create table onboarding (
  idempotency_key  text primary key check (length(idempotency_key) between 8 and 100),
  township_code    text not null unique,
  request_hash     text not null,
  state            text not null default 'PENDING' check (state in ('PENDING', 'DONE')),
  admin_username   text not null,
  client_id        text not null,
  requested_by     text not null,
  requested_at     timestamptz not null default now(),
  done_at          timestamptz
);
comment on table onboarding is 'platform-level (not tenant-owned): the operator''s onboarding requests';

--changeset jifen:030-least-privilege
-- Least privilege (issue 10.7). The service's role jifen_app serves townships: it may not create townships or
-- counties (platform operations run as jifen_platform), may change only a township's ranking visibility, and may
-- change a ballot only by closing it. jifen_platform onboards, suspends, moves, exports and deletes townships and
-- reads the operator overview: BYPASSRLS (infra/lib.sh) because those span townships, but no rights on ledgers beyond
-- reading and deleting a leaving township's rows.
revoke insert on county from jifen_app;
revoke insert, update on tenant from jifen_app;
grant update (ranking_visibility) on tenant to jifen_app;
revoke update on ballot from jifen_app;
grant update (state, closed_by, closed_at) on ballot to jifen_app;

grant select, insert, update on county, tenant, onboarding to jifen_platform;
grant delete on onboarding to jifen_platform;
grant select on all tables in schema public to jifen_platform;
revoke select on databasechangelog, databasechangeloglock from jifen_platform;
grant insert on audit_event to jifen_platform;
-- tables other features add later are readable by the operator's role too (the overview counts them)
alter default privileges in schema public grant select on tables to jifen_platform;

--changeset jifen:030-township-export splitStatements:false
-- 导出与注销: a leaving township's complete export (archive on the service's export folder; this row names it with its
-- checksum and manifest). A township is deleted only after such an export and a confirmation; the row stays as the
-- record that it was exported and when it was deleted.
create table township_export (
  export_id      uuid primary key,
  township_code  text not null,
  file_name      text not null,
  size_bytes     bigint not null,
  sha256         text not null,
  manifest       jsonb not null,
  created_by     text not null,
  created_at     timestamptz not null default now(),
  deleted_by     text,
  deleted_at     timestamptz
);
grant select, insert, update on township_export to jifen_platform;
-- the platform role removes a deleted township's rows from every township table (and nothing else)
do $$
declare t text;
begin
  for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
           join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
           where n.nspname = 'public' and c.relkind = 'r' loop
    execute format('grant delete on %I to jifen_platform', t);
  end loop;
end
$$;
grant delete on onboarding to jifen_platform;
-- township tables other features add later: the same (DeleteTownship only ever deletes by tenant_id)
alter default privileges in schema public grant delete on tables to jifen_platform;
