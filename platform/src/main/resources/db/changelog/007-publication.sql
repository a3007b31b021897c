--liquibase formatted sql

--changeset jifen:007-publication
-- 张榜公示: a settlement published for at least 7 working days (the township's holidays and make-up days count
-- as it says); members object within the window; the branch answers each; then the results are final.
create table calendar_day (
  tenant_id  text not null references tenant (tenant_id),
  day        date not null,
  kind       text not null check (kind in ('HOLIDAY', 'MAKEUP_WORKDAY')),
  name       text not null,
  primary key (tenant_id, day)
);

create table publication (
  tenant_id       text not null references tenant (tenant_id),
  publication_id  uuid not null,
  branch_id       uuid not null,
  year            int not null,
  settlement_id   uuid not null,
  starts_on       date not null,
  ends_on         date not null,
  published_by    text not null,
  published_at    timestamptz not null default now(),
  primary key (tenant_id, publication_id),
  unique (tenant_id, branch_id, year),
  foreign key (tenant_id, settlement_id) references settlement (tenant_id, settlement_id),
  check (ends_on >= starts_on)
);

-- Final results: the settlement run that stands once the window closed and every objection was answered.
create table final_result (
  tenant_id       text not null references tenant (tenant_id),
  branch_id       uuid not null,
  year            int not null,
  settlement_id   uuid not null,
  finalized_by    text not null,
  finalized_at    timestamptz not null default now(),
  primary key (tenant_id, branch_id, year),
  foreign key (tenant_id, settlement_id) references settlement (tenant_id, settlement_id)
);

-- 异议: on the year's results (SETTLEMENT) or, at the half-year review, on a month's scores (MONTH).
create table objection (
  tenant_id     text not null references tenant (tenant_id),
  objection_id  uuid not null,
  kind          text not null check (kind in ('SETTLEMENT', 'MONTH')),
  branch_id     uuid not null,
  year          int not null,
  month         int check (month between 1 and 12),
  member_id     uuid not null,
  text          text not null,
  filed_at      timestamptz not null default now(),
  primary key (tenant_id, objection_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id),
  check ((kind = 'MONTH') = (month is not null))
);

create table objection_answer (
  tenant_id     text not null references tenant (tenant_id),
  objection_id  uuid not null,
  upheld        boolean not null,
  answer        text not null,
  answered_by   text not null,
  answered_at   timestamptz not null default now(),
  primary key (tenant_id, objection_id),
  foreign key (tenant_id, objection_id) references objection (tenant_id, objection_id)
);

-- 组织处理: warning (基本合格, 6 months) and rectification (不合格, 1 year) notices with deadlines.
create table notice (
  tenant_id    text not null references tenant (tenant_id),
  notice_id    uuid not null,
  member_id    uuid not null,
  year         int not null,
  kind         text not null check (kind in ('WARNING', 'RECTIFICATION')),
  grade        text not null,
  issued_on    date not null,
  deadline     date not null,
  issued_by    text not null,
  primary key (tenant_id, notice_id),
  unique (tenant_id, member_id, year, kind),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

create table notice_outcome (
  tenant_id    text not null references tenant (tenant_id),
  notice_id    uuid not null,
  improved     boolean not null,
  note         text not null,
  decided_by   text not null,
  decided_on   date not null,
  primary key (tenant_id, notice_id),
  foreign key (tenant_id, notice_id) references notice (tenant_id, notice_id)
);

-- 劝退/除名: the removal procedure as its seven recorded steps, in order; step 6 is the superior's approval.
create table removal_case (
  tenant_id   text not null references tenant (tenant_id),
  case_id     uuid not null,
  member_id   uuid not null,
  ground      text not null check (ground in ('UNQUALIFIED_UNREPENTANT', 'SELF_SEPARATION', 'PERSUADED_TO_LEAVE')),
  opened_by   text not null,
  opened_at   timestamptz not null default now(),
  primary key (tenant_id, case_id),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

create table removal_step (
  tenant_id   text not null references tenant (tenant_id),
  case_id     uuid not null,
  step        int not null check (step between 1 and 7),
  note        text not null,
  approved_by_superior text,
  actor       text not null,
  recorded_at timestamptz not null default now(),
  primary key (tenant_id, case_id, step),
  foreign key (tenant_id, case_id) references removal_case (tenant_id, case_id),
  check (step <> 6 or approved_by_superior is not null)
);

select enable_tenant_isolation('calendar_day');
select enable_tenant_isolation('publication');
select enable_tenant_isolation('final_result');
select enable_tenant_isolation('objection');
select enable_tenant_isolation('objection_answer');
select enable_tenant_isolation('notice');
select enable_tenant_isolation('notice_outcome');
select enable_tenant_isolation('removal_case');
select enable_tenant_isolation('removal_step');

grant select, insert, delete on calendar_day to jifen_app;
grant select, insert on publication, final_result, objection, objection_answer, notice, notice_outcome, removal_case, removal_step to jifen_app;
