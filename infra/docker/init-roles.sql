-- The same two roles infra/lib.sh creates: the owner migrates; the service's role owns nothing, no BYPASSRLS.
create role jifen_owner login password 'jifen_owner' nosuperuser nobypassrls;
create role jifen_app login password 'jifen_app' nosuperuser nobypassrls nocreatedb nocreaterole;
alter database jifen owner to jifen_owner;
\connect jifen
revoke all on schema public from public;
grant usage, create on schema public to jifen_owner;
grant usage on schema public to jifen_app;
