--liquibase formatted sql

--changeset jifen:031-platform-audit
-- Platform writes that belong to no township (a county, a county reviewer's account) are audited here, in the same
-- transaction as the change, by the platform role; township writes stay in audit_event. Append-only: the platform
-- role may insert and read, nobody may change a row; the service role does not see the table at all.
create table platform_audit_event (
  event_id  uuid primary key,
  actor     text not null,
  action    text not null,
  subject   text not null,
  detail    jsonb not null default '{}',
  at        timestamptz not null
);
create index platform_audit_event_at on platform_audit_event (at desc);
revoke all on platform_audit_event from public;
grant select, insert on platform_audit_event to jifen_platform;
