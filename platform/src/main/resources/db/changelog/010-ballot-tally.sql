--liquibase formatted sql

--changeset jifen:010-ballot-tally
-- A closed ballot's tally, counted once when it closes: its votes can no longer change, and settlement then reads
-- a few tallies per member instead of every rating. Ballots closed before this table existed are not tallied
-- (tallied = false) and are counted from their votes, as open ones are.
alter table ballot add column tallied boolean not null default false;

create table ballot_tally (
  tenant_id    text not null references tenant (tenant_id),
  ballot_id    uuid not null,
  subject_id   uuid not null,
  criterion    text not null,
  rater_group  text not null,
  votes        int not null check (votes > 0),
  total        numeric(12, 2) not null,
  primary key (tenant_id, ballot_id, subject_id, criterion, rater_group),
  foreign key (tenant_id, ballot_id) references ballot (tenant_id, ballot_id)
);
select enable_tenant_isolation('ballot_tally');
grant select, insert on ballot_tally to jifen_app;
