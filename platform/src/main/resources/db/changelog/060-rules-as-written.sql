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
