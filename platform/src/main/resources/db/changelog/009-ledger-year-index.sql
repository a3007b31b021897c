--liquibase formatted sql

--changeset jifen:009-ledger-year-index
-- Year-end settlement and the member card read a member's whole year: a covering index serves them from the
-- index alone, without visiting the table.
create index ledger_member_year_covering on ledger_entry (tenant_id, member_id, year) include (month, kind, code, points);
