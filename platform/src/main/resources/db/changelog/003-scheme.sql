--liquibase formatted sql

--changeset jifen:003-scheme
-- 积分方案: a township's schemes. Versions are immutable once published; a scoring year pins one.
create table scheme_version (
  tenant_id     text not null references tenant (tenant_id),
  scheme_code   text not null,
  version       int not null check (version > 0),
  name          text not null,
  subject       text not null,
  source_yaml   text not null,
  checksum      text not null,
  published_at  timestamptz not null default now(),
  published_by  text not null,
  note          text,
  primary key (tenant_id, scheme_code, version)
);
select enable_tenant_isolation('scheme_version');
grant select, insert on scheme_version to jifen_app;

-- Which scheme scores which member category in a year, pinned to a version.
create table scoring_year (
  tenant_id     text not null references tenant (tenant_id),
  year          int not null check (year between 2000 and 2100),
  category      text not null check (category in ('VILLAGE', 'COMMUNITY', 'ORGAN', 'ENTERPRISE', 'HOSPITAL', 'SOCIAL_ORGANIZATION')),
  scheme_code   text not null,
  version       int not null,
  pinned_at     timestamptz not null default now(),
  pinned_by     text not null,
  primary key (tenant_id, year, category),
  foreign key (tenant_id, scheme_code, version) references scheme_version (tenant_id, scheme_code, version)
);
select enable_tenant_isolation('scoring_year');
grant select, insert on scoring_year to jifen_app;
