--liquibase formatted sql

--changeset jifen:070-township-notify splitStatements:false
-- Every service instance keeps what reads need from a township in memory (issues 15 and 17): its directory (members,
-- organizations, settings), its rankings' fallback boards and its county-review figures, each in a cache that listens
-- on a channel of its own. A change to what a cache is read from, by whatever path (API, import, demo load, SQL),
-- tells every instance at commit which township to forget. pg_notify folds identical payloads within a transaction,
-- so a bulk load sends one notification per township and channel. The channels are the trigger's arguments.
create function notify_township() returns trigger language plpgsql as $$
declare
  channel text;
begin
  foreach channel in array tg_argv loop
    perform pg_notify(channel, coalesce(new.tenant_id, old.tenant_id));
  end loop;
  return null;
end $$;

-- the same for a statement's rows at once (the ledger is written thousands of rows per statement)
create function notify_township_rows() returns trigger language plpgsql as $$
declare
  channel text;
  t text;
begin
  for t in select distinct tenant_id from changed_rows loop
    foreach channel in array tg_argv loop
      perform pg_notify(channel, t);
    end loop;
  end loop;
  return null;
end $$;

create trigger tenant_notify after insert or update or delete on tenant
  for each row execute function notify_township('jifen_directory');
create trigger member_notify after insert or update or delete on member
  for each row execute function notify_township('jifen_directory', 'jifen_board', 'jifen_review');
create trigger organization_notify after insert or update or delete on organization
  for each row execute function notify_township('jifen_directory', 'jifen_board', 'jifen_review');
create trigger ledger_entry_notify after insert on ledger_entry
  referencing new table as changed_rows for each statement execute function notify_township_rows('jifen_board');
create trigger entry_review_notify after insert or update or delete on entry_review
  for each row execute function notify_township('jifen_board');
create trigger month_sheet_notify after insert or update or delete on month_sheet
  for each row execute function notify_township('jifen_board');
create trigger scoring_year_notify after insert or update or delete on scoring_year
  for each row execute function notify_township('jifen_board', 'jifen_review');
create trigger review_branch_month_notify after insert or update or delete on review_branch_month
  for each row execute function notify_township('jifen_review');
create trigger review_branch_year_notify after insert or update or delete on review_branch_year
  for each row execute function notify_township('jifen_review');
create trigger objection_notify after insert or update or delete on objection
  for each row execute function notify_township('jifen_review');
create trigger objection_answer_notify after insert or update or delete on objection_answer
  for each row execute function notify_township('jifen_review');
create trigger notice_notify after insert or update or delete on notice
  for each row execute function notify_township('jifen_review');
create trigger notice_outcome_notify after insert or update or delete on notice_outcome
  for each row execute function notify_township('jifen_review');
