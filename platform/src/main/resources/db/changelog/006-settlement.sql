--liquibase formatted sql

--changeset jifen:006-settlement
-- Year-end inputs besides the ledger and the ballot: awards and sanctions (奖惩), vetoes (一票否决). Append-only:
-- withdrawing one is a new row naming it.
create table adjustment (
  tenant_id      text not null references tenant (tenant_id),
  adjustment_id  uuid not null,
  member_id      uuid not null,
  year           int not null,
  kind           text not null,
  level          text not null,
  reason         text not null,
  withdraws      uuid,
  actor          text not null,
  recorded_at    timestamptz not null default now(),
  primary key (tenant_id, adjustment_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id),
  foreign key (tenant_id, withdraws) references adjustment (tenant_id, adjustment_id)
);

create table veto (
  tenant_id    text not null references tenant (tenant_id),
  veto_id      uuid not null,
  member_id    uuid not null,
  year         int not null,
  reason_code  text not null,
  note         text not null,
  withdraws    uuid,
  actor        text not null,
  recorded_at  timestamptz not null default now(),
  primary key (tenant_id, veto_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id),
  foreign key (tenant_id, withdraws) references veto (tenant_id, veto_id)
);

-- 年终总评: a settlement of a branch's year; recomputing makes a new run, the latest is current.
create table settlement (
  tenant_id       text not null references tenant (tenant_id),
  settlement_id   uuid not null,
  branch_id       uuid not null,
  year            int not null,
  run             int not null,
  scheme_code     text not null,
  scheme_version  int not null,
  computed_by     text not null,
  computed_at     timestamptz not null default now(),
  results         jsonb not null,
  primary key (tenant_id, settlement_id),
  unique (tenant_id, branch_id, year, run),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id),
  foreign key (tenant_id, scheme_code, scheme_version) references scheme_version (tenant_id, scheme_code, version)
);

-- Exempt members (不列入积分管理) are graded directly by the branch, with a reason.
create table exempt_grade (
  tenant_id   text not null references tenant (tenant_id),
  member_id   uuid not null,
  year        int not null,
  grade       text not null,
  reason      text not null,
  actor       text not null,
  graded_at   timestamptz not null default now(),
  primary key (tenant_id, member_id, year),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

-- Stars confirmed by the branch within the quota: quarter stars (Q1–Q4) and annual stars (Y).
create table star_award (
  tenant_id   text not null references tenant (tenant_id),
  branch_id   uuid not null,
  year        int not null,
  period      text not null check (period in ('Q1', 'Q2', 'Q3', 'Q4', 'Y')),
  member_id   uuid not null,
  actor       text not null,
  awarded_at  timestamptz not null default now(),
  primary key (tenant_id, branch_id, year, period, member_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

select enable_tenant_isolation('adjustment');
select enable_tenant_isolation('veto');
select enable_tenant_isolation('settlement');
select enable_tenant_isolation('exempt_grade');
select enable_tenant_isolation('star_award');

grant select, insert on adjustment, veto, settlement, exempt_grade, star_award to jifen_app;
