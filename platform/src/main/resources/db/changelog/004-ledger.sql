--liquibase formatted sql

--changeset jifen:004-ledger
-- 积分台账: the points ledger. Append-only: the service's role may select and insert, never update or delete.
-- A correction is a reversing entry (negated points, "reverses" naming the original) plus a new entry.
create table evidence (
  tenant_id     text not null references tenant (tenant_id),
  evidence_id   uuid not null,
  note          text,
  file_name     text,
  media_type    text check (media_type in ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes    int check (size_bytes between 1 and 5242880),
  sha256        text,
  content       bytea,
  uploaded_by   text not null,
  uploaded_at   timestamptz not null default now(),
  primary key (tenant_id, evidence_id),
  check ((content is null) = (media_type is null)),
  check (note is not null or content is not null)
);

create table ledger_entry (
  tenant_id       text not null references tenant (tenant_id),
  entry_id        uuid not null,
  member_id       uuid not null,
  branch_id       uuid not null,
  year            int not null,
  month           int not null check (month between 1 and 12),
  kind            text not null check (kind in ('ITEM_SCORE', 'ADDITION', 'DEDUCTION')),
  code            text not null,
  points          numeric(8, 2) not null,
  self_points     numeric(8, 2),
  reverses        uuid,
  reason          text,
  occurred_on     date,
  evidence_id     uuid,
  scheme_code     text not null,
  scheme_version  int not null,
  actor           text not null,
  recorded_at     timestamptz not null default clock_timestamp(),
  primary key (tenant_id, entry_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id),
  foreign key (tenant_id, reverses) references ledger_entry (tenant_id, entry_id),
  foreign key (tenant_id, evidence_id) references evidence (tenant_id, evidence_id),
  foreign key (tenant_id, scheme_code, scheme_version) references scheme_version (tenant_id, scheme_code, version)
);
create index ledger_member_period on ledger_entry (tenant_id, member_id, year, month);
create index ledger_branch_period on ledger_entry (tenant_id, branch_id, year, month);
create unique index ledger_reversed_once on ledger_entry (tenant_id, reverses) where reverses is not null;

-- A branch's month: open for drafts, confirmed into the ledger, published (公示).
create table month_sheet (
  tenant_id     text not null references tenant (tenant_id),
  branch_id     uuid not null,
  year          int not null,
  month         int not null check (month between 1 and 12),
  state         text not null default 'OPEN' check (state in ('OPEN', 'CONFIRMED', 'PUBLISHED')),
  confirmed_at  timestamptz,
  confirmed_by  text,
  published_at  timestamptz,
  published_by  text,
  version       int not null default 0,
  primary key (tenant_id, branch_id, year, month),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id)
);

-- The working copy of a month's grid before confirmation; each cell has its own version, so two secretaries
-- editing one cell cannot lose an update. Not the ledger: confirmation posts it there.
create table draft_cell (
  tenant_id    text not null references tenant (tenant_id),
  branch_id    uuid not null,
  year         int not null,
  month        int not null,
  member_id    uuid not null,
  item_code    text not null,
  points       numeric(8, 2),
  self_points  numeric(8, 2),
  self_at      timestamptz,
  version      int not null default 1,
  updated_by   text not null,
  updated_at   timestamptz not null default now(),
  primary key (tenant_id, branch_id, year, month, member_id, item_code),
  foreign key (tenant_id, branch_id, year, month) references month_sheet (tenant_id, branch_id, year, month),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

-- 公示: the published sheet, an immutable snapshot.
create table published_sheet (
  tenant_id     text not null references tenant (tenant_id),
  branch_id     uuid not null,
  year          int not null,
  month         int not null,
  published_at  timestamptz not null,
  published_by  text not null,
  snapshot      jsonb not null,
  primary key (tenant_id, branch_id, year, month),
  foreign key (tenant_id, branch_id, year, month) references month_sheet (tenant_id, branch_id, year, month)
);

-- Idempotency: the first result of a keyed write, returned again for a retry with the same input.
create table idempotency_key (
  tenant_id     text not null references tenant (tenant_id),
  key           text not null check (length(key) between 8 and 100),
  operation     text not null,
  request_hash  text not null,
  response      jsonb,
  actor         text not null,
  created_at    timestamptz not null default now(),
  primary key (tenant_id, key)
);

select enable_tenant_isolation('evidence');
select enable_tenant_isolation('ledger_entry');
select enable_tenant_isolation('month_sheet');
select enable_tenant_isolation('draft_cell');
select enable_tenant_isolation('published_sheet');
select enable_tenant_isolation('idempotency_key');

grant select, insert on evidence, ledger_entry, published_sheet, idempotency_key to jifen_app;
grant select, insert, update on month_sheet to jifen_app;
grant select, insert, update, delete on draft_cell to jifen_app;
