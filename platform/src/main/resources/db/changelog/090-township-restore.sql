--liquibase formatted sql

--changeset jifen:090-township-restore splitStatements:false
-- 恢复乡镇 (restoreTownship): the platform role writes a township's archived rows back into every township table,
-- only for a township that is no longer on the platform (RestoreTownship checks it, and that every archived row is
-- that township's). The county review's triggers fire on the restored ledger and upsert their figures with the
-- restoring role's rights.
do $$
declare t text;
begin
  for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
           join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
           where n.nspname = 'public' and c.relkind = 'r' loop
    execute format('grant insert on %I to jifen_platform', t);
  end loop;
end
$$;
grant update on review_branch_month to jifen_platform;
-- township tables other features add later: the same, as for deletion (030-township-export)
alter default privileges in schema public grant insert on tables to jifen_platform;
