--liquibase formatted sql

--changeset jifen:050-publication-extension
-- A holiday added while a publication window is open extends it (issue 14, item 7): the window's new last day is
-- appended here, never written over the publication row, so the trail shows when and why a window grew.
create table publication_extension (
  tenant_id       text not null references tenant (tenant_id),
  publication_id  uuid not null,
  ends_on         date not null,
  reason          text not null,
  recorded_by     text not null,
  recorded_at     timestamptz not null default now(),
  primary key (tenant_id, publication_id, ends_on),
  foreign key (tenant_id, publication_id) references publication (tenant_id, publication_id)
);
select enable_tenant_isolation('publication_extension');
grant select, insert on publication_extension to jifen_app;

--changeset jifen:050-pin-change
-- A pin may be changed while its year and category have no recorded data (issue 14, item 13); the service checks
-- for data in the same statement that changes it.
grant update on scoring_year to jifen_app;

--changeset jifen:050-entry-review
-- 加减分审核 (issue 14, item 3): additions and deductions of kinds the scheme marks for approval are posted as
-- pending and count only once approved by the role the scheme names. The ledger stays append-only: the flag is set
-- at posting, the decision is its own row (one per entry), and a reversal follows the decision on what it reverses.
alter table ledger_entry add column needs_review boolean not null default false;

create table entry_review (
  tenant_id   text not null references tenant (tenant_id),
  entry_id    uuid not null,
  decision    text not null check (decision in ('APPROVED', 'REJECTED')),
  reason      text,
  decided_by  text not null,
  decided_at  timestamptz not null default now(),
  primary key (tenant_id, entry_id),
  foreign key (tenant_id, entry_id) references ledger_entry (tenant_id, entry_id),
  check (decision = 'APPROVED' or reason is not null)
);
select enable_tenant_isolation('entry_review');
grant select, insert on entry_review to jifen_app;
