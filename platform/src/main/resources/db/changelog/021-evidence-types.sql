--liquibase formatted sql

--changeset jifen:021-evidence-types
-- Evidence files are typed by their content (Apache Tika) against an allowlist that now includes Office documents.
alter table evidence drop constraint evidence_media_type_check;
alter table evidence add constraint evidence_media_type_check check (media_type in (
  'application/pdf', 'image/jpeg', 'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint'));
