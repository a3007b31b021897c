--liquibase formatted sql

--changeset jifen:025-audit-trail
-- The audit trail of every mutation (README, Security): who (actor and the realm roles the token carried), what
-- (action = the GraphQL Mutation field), on what (target ids from the arguments), which request and idempotency
-- key, and when by the service's Clock (no database default: a row without the service's time is a bug).
alter table audit_event
  add column roles           text[] not null default '{}',
  add column target_ids      text[] not null default '{}',
  add column request_id      text,
  add column idempotency_key text;
alter table audit_event alter column at drop default;
create index audit_event_by_time on audit_event (tenant_id, at desc, event_id desc);
create index audit_event_by_target on audit_event using gin (target_ids);

--changeset jifen:025-audit-append-only
-- Append-only for the service: it may add and read events, never change or remove them.
revoke update, delete, truncate on audit_event from jifen_app;

--changeset jifen:025-audit-operator-read splitStatements:false
-- The platform operator reads every township's trail. A transaction opts in with
-- set_config('app.operator', 'on', true) (TenantScope.platformRead, read-only); the policy grants SELECT only,
-- so writes still need the tenant of their row.
create or replace function app_operator() returns boolean
  language sql stable parallel safe
  as $$ select coalesce(current_setting('app.operator', true), '') = 'on' $$;
create policy operator_read on audit_event for select using (app_operator());
