--liquibase formatted sql

--changeset jifen:040-review-branch-month splitStatements:false
-- 县级评审 (docs/county-review.md): per branch and month, the figures the county compares and the alarms read,
-- kept by triggers as the ledger and the sheets are written, so a county comparison reads a few hundred rows per
-- township instead of every item score. Aggregates only: no member id, name or score leaves this table.
create table review_branch_month (
  tenant_id          text not null references tenant (tenant_id),
  branch_id          uuid not null,
  year               int not null,
  month              int not null check (month between 1 and 12),
  scheme_code        text,
  members_scored     int not null default 0,
  -- members sharing the most common item-score vector (all items equal, member by member): 大锅饭 when near all
  modal_members      int not null default 0,
  total_min          numeric(10, 2),
  total_max          numeric(10, 2),
  total_stddev       numeric(10, 3),
  total_sum          numeric(12, 2),
  -- members whose every item was self-assessed, and of them those whose confirmed score equals it on every item
  self_assessed      int not null default 0,
  self_equal         int not null default 0,
  -- the China day on which most of the month's item scores were recorded
  entered_on         date,
  -- entries (any kind) recorded after the end of the following month: seed 001's 一月一评分 leaves one month of grace
  late_entries       int not null default 0,
  confirmed_at       timestamptz,
  published_at       timestamptz,
  primary key (tenant_id, branch_id, year, month)
);
create index review_branch_month_year on review_branch_month (tenant_id, year);
select enable_tenant_isolation('review_branch_month');
grant select, insert, update on review_branch_month to jifen_app;

-- Recomputes one branch month from the ledger: current item scores are those neither reversing nor reversed
-- (a correction is a reversing entry plus a new one).
create function review_refresh_branch_month(t text, b uuid, y int, m int) returns void
  language sql
  as $$
  with cur as (
    select e.member_id, e.code, e.points, e.self_points, e.scheme_code, e.recorded_at
    from ledger_entry e
    where e.tenant_id = t and e.branch_id = b and e.year = y and e.month = m and e.kind = 'ITEM_SCORE'
      and e.reverses is null
      and not exists (select 1 from ledger_entry r where r.tenant_id = e.tenant_id and r.reverses = e.entry_id)
  ), per_member as (
    select member_id, string_agg(code || '=' || points::text, ',' order by code) as vector, sum(points) as total,
           count(*) as items, count(self_points) as self_items, count(*) filter (where self_points = points) as equal_items
    from cur group by member_id
  ), figures as (
    select count(*)::int as members_scored,
           coalesce((select count(*) from per_member group by vector order by 1 desc limit 1), 0)::int as modal_members,
           min(total) as total_min, max(total) as total_max, stddev_pop(total) as total_stddev, sum(total) as total_sum,
           count(*) filter (where self_items = items)::int as self_assessed,
           count(*) filter (where equal_items = items)::int as self_equal
    from per_member
  )
  insert into review_branch_month as r (tenant_id, branch_id, year, month, scheme_code, members_scored, modal_members,
      total_min, total_max, total_stddev, total_sum, self_assessed, self_equal, entered_on, late_entries)
  select t, b, y, m, (select max(scheme_code) from cur), f.members_scored, f.modal_members, f.total_min, f.total_max,
         f.total_stddev, f.total_sum, f.self_assessed, f.self_equal,
         (select (recorded_at at time zone 'Asia/Shanghai')::date from cur group by 1 order by count(*) desc, 1 limit 1),
         (select count(*)::int from ledger_entry e where e.tenant_id = t and e.branch_id = b and e.year = y and e.month = m
            and e.recorded_at >= (make_date(y, m, 1) + interval '2 months')::timestamp at time zone 'Asia/Shanghai')
  from figures f
  on conflict (tenant_id, branch_id, year, month) do update set
    scheme_code = excluded.scheme_code, members_scored = excluded.members_scored, modal_members = excluded.modal_members,
    total_min = excluded.total_min, total_max = excluded.total_max, total_stddev = excluded.total_stddev,
    total_sum = excluded.total_sum, self_assessed = excluded.self_assessed, self_equal = excluded.self_equal,
    entered_on = excluded.entered_on, late_entries = excluded.late_entries
  $$;

-- Once per statement, not per row: a confirmed month posts hundreds of entries in one insert.
create function review_ledger_changed() returns trigger
  language plpgsql
  as $$
begin
  perform review_refresh_branch_month(k.tenant_id, k.branch_id, k.year, k.month)
  from (select distinct tenant_id, branch_id, year, month from new_entries) k;
  return null;
end
$$;
create trigger review_ledger_changed after insert on ledger_entry
  referencing new table as new_entries for each statement execute function review_ledger_changed();

create function review_sheet_changed() returns trigger
  language plpgsql
  as $$
begin
  insert into review_branch_month as r (tenant_id, branch_id, year, month, confirmed_at, published_at)
  values (new.tenant_id, new.branch_id, new.year, new.month, new.confirmed_at, new.published_at)
  on conflict (tenant_id, branch_id, year, month) do update
    set confirmed_at = excluded.confirmed_at, published_at = excluded.published_at;
  return null;
end
$$;
create trigger review_sheet_changed after insert or update of confirmed_at, published_at on month_sheet
  for each row when (new.confirmed_at is not null or new.published_at is not null) execute function review_sheet_changed();

--changeset jifen:040-review-branch-year splitStatements:false
-- Per branch, year and member category, from the branch's latest settlement run: annual totals (sorted, without
-- whose they are), members per grade and per star count. Written by a trigger when a run is stored.
create table review_branch_year (
  tenant_id    text not null references tenant (tenant_id),
  branch_id    uuid not null,
  year         int not null,
  category     text not null,
  run          int not null,
  scheme_code  text not null,
  graded       int not null,
  totals       numeric(10, 2)[] not null,
  grades       jsonb not null,
  stars        jsonb not null,
  primary key (tenant_id, branch_id, year, category)
);
select enable_tenant_isolation('review_branch_year');
grant select, insert, delete on review_branch_year to jifen_app;

create function review_settlement_stored() returns trigger
  language plpgsql
  as $$
begin
  if exists (select 1 from review_branch_year y where y.tenant_id = new.tenant_id and y.branch_id = new.branch_id
             and y.year = new.year and y.run > new.run) then
    return null;
  end if;
  delete from review_branch_year where tenant_id = new.tenant_id and branch_id = new.branch_id and year = new.year;
  insert into review_branch_year (tenant_id, branch_id, year, category, run, scheme_code, graded, totals, grades, stars)
  select new.tenant_id, new.branch_id, new.year, x.category, new.run, new.scheme_code, count(*)::int,
         array_agg(x.total order by x.total) filter (where x.total is not null),
         (select coalesce(jsonb_object_agg(g, n), '{}') from (select grade g, count(*) n from unnest(array_agg(x.grade)) grade
            where grade is not null group by grade) gs),
         (select coalesce(jsonb_object_agg(s, n), '{}') from (select s, count(*) n from unnest(array_agg(x.stars)) s
            where s is not null group by s) ss)
  from (select m.category, (r->>'annualTotal')::numeric as total, r->>'grade' as grade, (r->>'stars')::int as stars
        from jsonb_array_elements(new.results->'members') r
        join member m on m.tenant_id = new.tenant_id and m.member_id = (r->>'memberId')::uuid) x
  group by x.category;
  return null;
end
$$;
create trigger review_settlement_stored after insert on settlement
  for each row execute function review_settlement_stored();

--changeset jifen:040-review-backfill
-- Months written before the triggers existed. The owner is subject to the forced row-level security like everyone,
-- so it is lifted for these three tables inside this changeset's transaction only. Settlements stored before
-- this changeset are counted from their next run.
alter table ledger_entry no force row level security;
alter table month_sheet no force row level security;
alter table review_branch_month no force row level security;
select review_refresh_branch_month(k.tenant_id, k.branch_id, k.year, k.month)
from (select distinct tenant_id, branch_id, year, month from ledger_entry) k;
insert into review_branch_month as r (tenant_id, branch_id, year, month, confirmed_at, published_at)
select tenant_id, branch_id, year, month, confirmed_at, published_at from month_sheet
where confirmed_at is not null or published_at is not null
on conflict (tenant_id, branch_id, year, month) do update set confirmed_at = excluded.confirmed_at, published_at = excluded.published_at;
alter table ledger_entry force row level security;
alter table month_sheet force row level security;
alter table review_branch_month force row level security;

--changeset jifen:040-review-settings
-- A county's alarm thresholds (docs/county-review.md says what each one means and why its default). Not
-- tenant-owned: visible only in a transaction whose app.county_id is the county (set for a county reviewer).
create table review_settings (
  county_id              text primary key references county (county_id),
  uniform_share          numeric(4, 3) not null check (uniform_share > 0 and uniform_share <= 1),
  uniform_spread         numeric(8, 2) not null check (uniform_spread >= 0),
  min_group              int not null check (min_group >= 5),
  late_confirm_days      int not null check (late_confirm_days >= 1),
  same_day_months        int not null check (same_day_months >= 2),
  ballot_share           numeric(4, 3) not null check (ballot_share > 0 and ballot_share <= 1),
  quorum_margin          numeric(4, 3) not null check (quorum_margin >= 0 and quorum_margin <= 1),
  self_copy_months       int not null check (self_copy_months >= 1),
  flat_spread            numeric(8, 2) not null check (flat_spread >= 0),
  version                int not null default 1,
  updated_by             text not null,
  updated_at             timestamptz not null
);
alter table review_settings enable row level security;
alter table review_settings force row level security;
create policy county_only on review_settings using (county_id = nullif(current_setting('app.county_id', true), ''))
  with check (county_id = nullif(current_setting('app.county_id', true), ''));
grant select, insert, update on review_settings to jifen_app;

-- A county-level action has no township to be audited in: same shape as audit_event, keyed by county.
create table county_audit_event (
  county_id   text not null references county (county_id),
  event_id    uuid not null,
  at          timestamptz not null,
  actor       text not null,
  action      text not null,
  subject     text not null,
  detail      jsonb not null default '{}'::jsonb,
  primary key (county_id, event_id)
);
alter table county_audit_event enable row level security;
alter table county_audit_event force row level security;
create policy county_only on county_audit_event using (county_id = nullif(current_setting('app.county_id', true), ''))
  with check (county_id = nullif(current_setting('app.county_id', true), ''));
grant select, insert on county_audit_event to jifen_app;

--changeset jifen:040-review-alarm-ack
-- A reviewer's acknowledgement of an alarm, with a comment; kept with the township the alarm is about, so the
-- alarm stays visible as history. Append-only.
create table review_alarm_ack (
  tenant_id        text not null references tenant (tenant_id),
  alarm_key        text not null,
  county_id        text not null,
  acknowledged_by  text not null,
  acknowledged_at  timestamptz not null,
  comment          text not null check (length(comment) between 1 and 500),
  primary key (tenant_id, alarm_key)
);
select enable_tenant_isolation('review_alarm_ack');
grant select, insert on review_alarm_ack to jifen_app;
