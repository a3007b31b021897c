--liquibase formatted sql

--changeset jifen:060-ballot-member-raters
-- Ballots sized by the rule (issue 14, item 6; docs/DOMAIN.md, The yearly cycle, step 4): of the codes issued, how many
-- went to the branch's members; the rest went to mass representatives. Null for ballots opened before the rule.
alter table ballot add column member_raters int check (member_raters >= 0);

--changeset jifen:060-branch-attendance
-- Organizational life and dues in bulk (issue 14, item 10): one row per branch, month and item (ORG_LIFE, DUES …) for
-- the whole branch, the absent ticked; who was expected is kept, so a member who joined later is never an absence.
-- A correction is a new revision, never an overwrite; the latest revision counts.
create table branch_attendance (
  tenant_id    text not null references tenant (tenant_id),
  branch_id    uuid not null,
  year         int not null,
  month        int not null check (month between 1 and 12),
  item         text not null,
  revision     int not null check (revision > 0),
  held_on      date,
  note         text,
  expected     uuid[] not null,
  absent       uuid[] not null,
  recorded_by  text not null,
  recorded_at  timestamptz not null default now(),
  primary key (tenant_id, branch_id, year, month, item, revision),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id),
  check (absent <@ expected)
);
select enable_tenant_isolation('branch_attendance');
grant select, insert on branch_attendance to jifen_app;

--changeset jifen:060-duty-cards
-- S3 as written (issue 14, item 4; seed 002, docs/DOMAIN.md "S3 three cards"): the party committee secretary's
-- responsibility card (责任卡) and each branch secretary's target card (目标卡): yearly targets set when the card is
-- opened, fulfilment recorded through the year (one row per record, never edited), and one year-end evaluation.
create table duty_card (
  tenant_id        text not null references tenant (tenant_id),
  card_id          uuid not null,
  kind             text not null check (kind in ('RESPONSIBILITY', 'TARGET')),
  year             int not null,
  organization_id  uuid not null,
  holder           text not null,
  opened_by        text not null,
  opened_at        timestamptz not null default now(),
  primary key (tenant_id, card_id),
  unique (tenant_id, kind, year, organization_id),
  foreign key (tenant_id, organization_id) references organization (tenant_id, org_id)
);
create table duty_card_target (
  tenant_id  text not null references tenant (tenant_id),
  card_id    uuid not null,
  no         int not null check (no > 0),
  area       text not null,
  target     text not null,
  primary key (tenant_id, card_id, no),
  foreign key (tenant_id, card_id) references duty_card (tenant_id, card_id)
);
create table duty_card_record (
  tenant_id    text not null references tenant (tenant_id),
  record_id    uuid not null,
  card_id      uuid not null,
  no           int not null,
  done_on      date not null,
  note         text not null,
  recorded_by  text not null,
  recorded_at  timestamptz not null default now(),
  primary key (tenant_id, record_id),
  foreign key (tenant_id, card_id, no) references duty_card_target (tenant_id, card_id, no)
);
create table duty_card_evaluation (
  tenant_id     text not null references tenant (tenant_id),
  card_id       uuid not null,
  score         numeric(5, 2) not null check (score between 0 and 100),
  comment       text not null,
  evaluated_by  text not null,
  evaluated_at  timestamptz not null default now(),
  primary key (tenant_id, card_id),
  foreign key (tenant_id, card_id) references duty_card (tenant_id, card_id)
);
select enable_tenant_isolation('duty_card');
select enable_tenant_isolation('duty_card_target');
select enable_tenant_isolation('duty_card_record');
select enable_tenant_isolation('duty_card_evaluation');
grant select, insert on duty_card, duty_card_target, duty_card_record, duty_card_evaluation to jifen_app;
