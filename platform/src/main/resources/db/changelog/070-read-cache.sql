--liquibase formatted sql

--changeset jifen:070-directory-notify splitStatements:false
-- Every service instance keeps members, organizations and the township's settings in memory for reads (issue 17);
-- a change to any of them, by whatever path (API, import, demo load, SQL), tells every instance at commit which
-- township to forget. pg_notify folds identical payloads of one transaction, so a bulk load sends one per township.
create function notify_directory() returns trigger language plpgsql as $$
begin
  perform pg_notify('jifen_directory', coalesce(new.tenant_id, old.tenant_id));
  -- members and branches are also what the county review counts
  if tg_table_name <> 'tenant' then
    perform pg_notify('jifen_review', coalesce(new.tenant_id, old.tenant_id));
  end if;
  return null;
end $$;
create trigger member_directory after insert or update or delete on member
  for each row execute function notify_directory();
create trigger organization_directory after insert or update or delete on organization
  for each row execute function notify_directory();
create trigger tenant_directory after insert or update or delete on tenant
  for each row execute function notify_directory();

--changeset jifen:070-review-notify splitStatements:false
-- The county comparison keeps each township's review figures in memory (issue 15's 200 ms): any change to what they
-- are computed from tells every instance which township to recompute. review_branch_month and review_branch_year are
-- themselves kept by triggers on the ledger, sheets and settlements, so those writes notify through them.
create function notify_review() returns trigger language plpgsql as $$
begin
  perform pg_notify('jifen_review', coalesce(new.tenant_id, old.tenant_id));
  return null;
end $$;
create trigger review_branch_month_review after insert or update or delete on review_branch_month
  for each row execute function notify_review();
create trigger review_branch_year_review after insert or update or delete on review_branch_year
  for each row execute function notify_review();
create trigger objection_review after insert or update or delete on objection
  for each row execute function notify_review();
create trigger objection_answer_review after insert or update or delete on objection_answer
  for each row execute function notify_review();
create trigger notice_review after insert or update or delete on notice
  for each row execute function notify_review();
create trigger notice_outcome_review after insert or update or delete on notice_outcome
  for each row execute function notify_review();
create trigger scoring_year_review after insert or update or delete on scoring_year
  for each row execute function notify_review();
