--liquibase formatted sql

--changeset jifen:005-ballot
-- 民主测评: anonymous ballots. Codes are never stored, only a salted hash of each issued code; a spent code
-- is a row in ballot_spent_code; a vote row carries no voter, no code, no hash and no time, and its id is
-- random (not time-ordered), so no vote can be traced back to a code or a person.
create table ballot (
  tenant_id       text not null references tenant (tenant_id),
  ballot_id       uuid not null,
  branch_id       uuid not null,
  year            int not null,
  scheme_code     text not null,
  scheme_version  int not null,
  form            text not null check (form in ('ITEM_SCORES', 'GRADE_VOTES', 'RATER_GROUPS')),
  min_raters      int not null check (min_raters > 0),
  codes_issued    int not null check (codes_issued > 0),
  state           text not null default 'OPEN' check (state in ('OPEN', 'CLOSED')),
  opened_by       text not null,
  opened_at       timestamptz not null default now(),
  closed_by       text,
  closed_at       timestamptz,
  primary key (tenant_id, ballot_id),
  unique (tenant_id, branch_id, year),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id),
  foreign key (tenant_id, scheme_code, scheme_version) references scheme_version (tenant_id, scheme_code, version)
);

create table ballot_code (
  tenant_id    text not null references tenant (tenant_id),
  code_hash    text not null,
  ballot_id    uuid not null,
  rater_group  text,
  primary key (tenant_id, code_hash),
  foreign key (tenant_id, ballot_id) references ballot (tenant_id, ballot_id)
);

create table ballot_spent_code (
  tenant_id  text not null references tenant (tenant_id),
  code_hash  text not null,
  primary key (tenant_id, code_hash),
  foreign key (tenant_id, code_hash) references ballot_code (tenant_id, code_hash)
);

create table ballot_vote (
  tenant_id    text not null references tenant (tenant_id),
  ballot_id    uuid not null,
  vote_id      uuid not null,
  rater_group  text,
  primary key (tenant_id, ballot_id, vote_id),
  foreign key (tenant_id, ballot_id) references ballot (tenant_id, ballot_id)
);

-- One rating in a vote: a member (or organization), a criterion (an item, an option, or SCORE) and its value.
create table ballot_score (
  tenant_id   text not null references tenant (tenant_id),
  ballot_id   uuid not null,
  vote_id     uuid not null,
  subject_id  uuid not null,
  criterion   text not null,
  value       numeric(8, 2) not null,
  primary key (tenant_id, ballot_id, vote_id, subject_id, criterion),
  foreign key (tenant_id, ballot_id, vote_id) references ballot_vote (tenant_id, ballot_id, vote_id)
);

select enable_tenant_isolation('ballot');
select enable_tenant_isolation('ballot_code');
select enable_tenant_isolation('ballot_spent_code');
select enable_tenant_isolation('ballot_vote');
select enable_tenant_isolation('ballot_score');

grant select, insert, update on ballot to jifen_app;
grant select, insert on ballot_code, ballot_spent_code, ballot_vote, ballot_score to jifen_app;
