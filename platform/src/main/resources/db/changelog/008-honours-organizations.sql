--liquibase formatted sql

--changeset jifen:008-honours-organizations
-- S3's six stars (六星: 学习、创新、致富、奉献、法制、道德) awarded to a member for a year.
create table honour (
  tenant_id    text not null references tenant (tenant_id),
  member_id    uuid not null,
  year         int not null,
  honour       text not null,
  reason       text not null,
  actor        text not null,
  recorded_at  timestamptz not null default now(),
  primary key (tenant_id, member_id, year, honour),
  foreign key (tenant_id, member_id) references member (tenant_id, member_id)
);

-- S4 晋位升级: an organization's year as rated by itself, its members and the masses, and its superior, with the
-- member-and-mass satisfaction count and any veto item. One assessment per organization and year.
create table organization_assessment (
  tenant_id        text not null references tenant (tenant_id),
  org_id           uuid not null,
  year             int not null,
  scheme_code      text not null,
  scheme_version   int not null,
  self_score       numeric(6, 2) not null check (self_score between 0 and 100),
  mass_score       numeric(6, 2) not null check (mass_score between 0 and 100),
  superior_score   numeric(6, 2) not null check (superior_score between 0 and 100),
  satisfied_voters int not null check (satisfied_voters >= 0),
  voters           int not null check (voters > 0 and satisfied_voters <= voters),
  veto_note        text,
  actor            text not null,
  recorded_at      timestamptz not null default now(),
  primary key (tenant_id, org_id, year),
  foreign key (tenant_id, org_id) references organization (tenant_id, org_id),
  foreign key (tenant_id, scheme_code, scheme_version) references scheme_version (tenant_id, scheme_code, version)
);

select enable_tenant_isolation('honour');
select enable_tenant_isolation('organization_assessment');
grant select, insert on honour, organization_assessment to jifen_app;
