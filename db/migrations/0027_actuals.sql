-- Issue 18, forecast against reality: the messages each Afnemer really sent, hour by hour, from a statistics export.
-- They describe the past and never change conflicts; re-sending an hour replaces its count.
create table actuals (
  afnemer_oin text not null references afnemers (oin),
  hour        timestamptz not null check (extract(epoch from hour)::bigint % 3600 = 0),
  count       bigint not null check (count >= 0),
  received_at timestamptz not null,
  received_by bigint not null references users (id),
  unique (afnemer_oin, hour)
);
create index actuals_hour_idx on actuals (hour);
