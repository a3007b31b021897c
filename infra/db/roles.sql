-- The database roles and the grants on a database, in one place: infra/lib.sh (ensure_database), the Compose file
-- (infra/docker) and the tests' PostgreSQL container (platform/.../testing/Infrastructure.java) all run this file, as a
-- superuser, in the database the service will use. It can run again on the same database and changes nothing then.
-- Grants on the tables themselves are Liquibase's (db/changelog), made as the owner role.
--
--   jifen_owner     owns the schema and migrates it (Liquibase); never used by the running service for requests
--   jifen_app       the service's role: owns nothing, no BYPASSRLS, so row-level security always applies to it
--   jifen_platform  platform operations (onboarding, suspension, export, the operator overview) span townships
do $$
begin
  if not exists (select from pg_roles where rolname = 'jifen_owner') then
    create role jifen_owner login password 'jifen_owner' nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
  if not exists (select from pg_roles where rolname = 'jifen_app') then
    create role jifen_app login password 'jifen_app' nosuperuser nobypassrls nocreatedb nocreaterole;
  end if;
  if not exists (select from pg_roles where rolname = 'jifen_platform') then
    create role jifen_platform login password 'jifen_platform' nosuperuser bypassrls nocreatedb nocreaterole;
  end if;
  -- this database, whatever it is called: the owner role owns it, the two others may connect
  execute format('alter database %I owner to jifen_owner', current_database());
  execute format('grant connect on database %I to jifen_app, jifen_platform', current_database());
end
$$;

revoke all on schema public from public;
grant usage, create on schema public to jifen_owner;
grant usage on schema public to jifen_app, jifen_platform;
