--liquibase formatted sql

--changeset jifen:001-tenancy-function
-- The tenant of the current transaction, set by the service with set_config('app.tenant_id', $1, true).
-- Missing or empty means no tenant: policies compare with NULL and see no rows (fail closed).
create or replace function app_tenant() returns text
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '') $$;

--changeset jifen:001-tenant-isolation splitStatements:false
-- Every tenant-owned table gets the same three statements: RLS enabled, forced (the owner too), and one policy
-- that fails closed when no tenant is set. One function, so a new table cannot get them half right.
create or replace function enable_tenant_isolation(t regclass) returns void
  language plpgsql
  as $$
begin
  execute format('alter table %s enable row level security', t);
  execute format('alter table %s force row level security', t);
  execute format('create policy tenant_isolation on %s using (tenant_id = app_tenant()) with check (tenant_id = app_tenant())', t);
end
$$;

--changeset jifen:001-county
create table county (
  county_id   text primary key,
  name        text not null,
  created_at  timestamptz not null default now()
);
comment on table county is '县 (county): platform-level, not tenant-owned; read-only for the service';
grant select, insert on county to jifen_app;

--changeset jifen:001-tenant
create table tenant (
  tenant_id           text primary key check (tenant_id ~ '^[A-Z][A-Z0-9_]{1,31}$'),
  county_id           text not null references county (county_id),
  name                text not null,
  ranking_visibility  text not null default 'BRANCH' check (ranking_visibility in ('SELF', 'BRANCH', 'PUBLIC')),
  created_at          timestamptz not null default now()
);
comment on table tenant is '乡镇 (township): the tenant; its own row is visible to it';
select enable_tenant_isolation('tenant');
grant select, insert, update on tenant to jifen_app;

--changeset jifen:001-audit
-- Who did what, when and why: append-only, never updated or deleted by the service.
create table audit_event (
  tenant_id   text not null references tenant (tenant_id),
  event_id    uuid not null,
  at          timestamptz not null default now(),
  actor       text not null,
  action      text not null,
  subject     text not null,
  detail      jsonb not null default '{}'::jsonb,
  primary key (tenant_id, event_id)
);
select enable_tenant_isolation('audit_event');
grant select, insert on audit_event to jifen_app;
