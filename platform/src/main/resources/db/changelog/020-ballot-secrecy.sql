--liquibase formatted sql

--changeset jifen:020-ballot-secrecy
-- Ballot secrecy against whoever can read the database (issue 10). No vote is stored: casting a vote spends its
-- code and adds the ratings to the ballot's tally in one transaction, and every vote rewrites every tally row of
-- its ballot, so a tally row's xmin, ctid and order name the last vote's transaction but never which choice it
-- carried. The vote and score tables go; their ratings are folded into the tally first.
alter table ballot_tally drop constraint ballot_tally_votes_check;
alter table ballot_tally add constraint ballot_tally_votes_check check (votes >= 0);

insert into ballot_tally (tenant_id, ballot_id, subject_id, criterion, rater_group, votes, total)
select s.tenant_id, s.ballot_id, s.subject_id, s.criterion, coalesce(v.rater_group, ''), count(*), sum(s.value)
from ballot_score s
join ballot_vote v on v.tenant_id = s.tenant_id and v.ballot_id = s.ballot_id and v.vote_id = s.vote_id
join ballot b on b.tenant_id = s.tenant_id and b.ballot_id = s.ballot_id
where not b.tallied
group by s.tenant_id, s.ballot_id, s.subject_id, s.criterion, coalesce(v.rater_group, '');

drop table ballot_score;
drop table ballot_vote;
alter table ballot drop column tallied;

-- a ballot's spent codes are counted through its codes
create index ballot_code_ballot on ballot_code (tenant_id, ballot_id);

grant update on ballot_tally to jifen_app;
