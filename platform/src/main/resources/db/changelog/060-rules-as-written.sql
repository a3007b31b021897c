--liquibase formatted sql

--changeset jifen:060-ballot-member-raters
-- Ballots sized by the rule (issue 14, item 6; docs/DOMAIN.md, The yearly cycle, step 4): of the codes issued, how many
-- went to the branch's members; the rest went to mass representatives. Null for ballots opened before the rule.
alter table ballot add column member_raters int check (member_raters >= 0);
