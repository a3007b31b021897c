--liquibase formatted sql

--changeset jifen:009-county-directory
-- County reviewers compare the townships of their county. They may list those townships (this policy, on the
-- tenant directory only, keyed by app.county_id set per transaction); every figure about a township is then
-- read inside that township's own tenant transaction, as aggregates.
create policy county_directory on tenant for select
  using (county_id = nullif(current_setting('app.county_id', true), ''));
