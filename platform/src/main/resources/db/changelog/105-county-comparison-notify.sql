--liquibase formatted sql

--changeset jifen:105-county-comparison-notify splitStatements:false
-- Issue 15: a county's whole comparison is kept in memory (statistics' CountyComparisons) beside each township's
-- figures. Besides those figures it depends on the county's own rows: its review settings and which townships
-- belong to it (with their names). A change to either tells every instance, on the review channel, to forget the
-- county; the payload is prefixed so a county code can never be mistaken for a township's.
create function notify_county() returns trigger language plpgsql as $$
declare
  channel text;
begin
  foreach channel in array tg_argv loop
    if tg_op <> 'INSERT' then
      perform pg_notify(channel, 'county:' || old.county_id);
    end if;
    if tg_op <> 'DELETE' then
      perform pg_notify(channel, 'county:' || new.county_id);
    end if;
  end loop;
  return null;
end $$;

create trigger tenant_county_notify after insert or update or delete on tenant
  for each row execute function notify_county('jifen_review');
create trigger review_settings_notify after insert or update or delete on review_settings
  for each row execute function notify_county('jifen_review');
