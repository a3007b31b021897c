--liquibase formatted sql

--changeset jifen:002-organization
-- 党组织: party committee (党委) → general branch (总支) → branch (支部). path is the chain of ids from the
-- root, so a subtree is one indexed prefix match.
create table organization (
  tenant_id   text not null references tenant (tenant_id),
  org_id      uuid not null,
  parent_id   uuid,
  code        text not null,
  name        text not null,
  kind        text not null check (kind in ('COMMITTEE', 'GENERAL_BRANCH', 'BRANCH')),
  category    text check (category in ('VILLAGE', 'COMMUNITY', 'ORGAN', 'ENTERPRISE', 'HOSPITAL', 'SOCIAL_ORGANIZATION')),
  path        text not null,
  version     int not null default 0,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  primary key (tenant_id, org_id),
  unique (tenant_id, code),
  foreign key (tenant_id, parent_id) references organization (tenant_id, org_id)
);
create index organization_parent on organization (tenant_id, parent_id);
create index organization_path on organization (tenant_id, path text_pattern_ops);
select enable_tenant_isolation('organization');
grant select, insert, update on organization to jifen_app;

--changeset jifen:002-member
create table member (
  tenant_id      text not null references tenant (tenant_id),
  member_id      uuid not null,
  code           text not null,
  name           text not null,
  gender         text not null check (gender in ('MALE', 'FEMALE')),
  category       text not null check (category in ('VILLAGE', 'COMMUNITY', 'ORGAN', 'ENTERPRISE', 'HOSPITAL', 'SOCIAL_ORGANIZATION')),
  village_type   text check (village_type in ('WITH_POST', 'WITHOUT_POST', 'MOBILE')),
  branch_id      uuid not null,
  join_date      date,
  phone          text,
  status         text not null default 'ACTIVE' check (status in ('ACTIVE', 'LEFT')),
  left_on        date,
  left_reason    text,
  exempt         boolean not null default false,
  exempt_reason  text,
  account        text,
  version        int not null default 0,
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  primary key (tenant_id, member_id),
  unique (tenant_id, code),
  foreign key (tenant_id, branch_id) references organization (tenant_id, org_id),
  check (exempt = false or exempt_reason is not null),
  check (status = 'ACTIVE' or left_on is not null)
);
create index member_branch on member (tenant_id, branch_id, code, member_id);
create unique index member_account on member (tenant_id, account) where account is not null;
select enable_tenant_isolation('member');
grant select, insert, update on member to jifen_app;
