-- Capacity profile (with history), maintenance windows and detected conflicts.

create table capacity_profiles (
  id             bigserial primary key,
  rates_per_hour double precision[] not null check (
                   array_length(rates_per_hour, 1) = 168 and 0 <= all (rates_per_hour)),
  threshold      double precision not null default 1.0 check (threshold > 0),
  warning_level  double precision not null default 0.8 check (warning_level > 0),
  set_by         bigint references users (id),
  set_at         timestamptz not null default now(),
  check (warning_level <= threshold)
);

-- The starting profile: 150,000 messages an hour on working days 07-22, 40,000 at night,
-- 75,000 in weekend daytime. The capacity manager replaces it.
insert into capacity_profiles (rates_per_hour)
select array_agg(
  case
    when h / 24 < 5 and h % 24 between 7 and 21 then 150000
    when h / 24 >= 5 and h % 24 between 7 and 21 then 75000
    else 40000
  end order by h)::double precision[]
from generate_series(0, 167) as h;

create table maintenance_windows (
  id         bigserial primary key,
  start_at   timestamptz not null,
  end_at     timestamptz not null,
  factor     double precision not null check (factor >= 0 and factor <= 1),
  reason     text not null check (length(reason) between 1 and 1000),
  kind       text not null check (kind in ('onderhoud', 'release', 'incident')),
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_at > start_at)
);
create index maintenance_windows_time_idx on maintenance_windows (start_at, end_at);

create table conflicts (
  id               bigserial primary key,
  status           text not null default 'open' check (status in ('open', 'resolved')),
  start_at         timestamptz not null,
  end_at           timestamptz not null,
  afnemers         text[] not null,
  windows          jsonb not null,
  window_ids       bigint[] not null,
  peak_utilization double precision,
  excess_messages  double precision not null,
  peak_backlog     double precision not null,
  drained_at       timestamptz,
  delay_ms         double precision,
  detected_at      timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  resolved_at      timestamptz,
  resolved_reason  text,
  check ((status = 'resolved') = (resolved_at is not null))
);
create index conflicts_open_time_idx on conflicts (start_at, end_at) where status = 'open';
create index conflicts_time_idx on conflicts (start_at);
create index conflicts_afnemers_idx on conflicts using gin (afnemers);
