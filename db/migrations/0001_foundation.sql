-- Organisations, accounts, sessions, API tokens, deliveries and send windows with their history.

create table afnemers (
  oin        text primary key check (oin ~ '^[0-9]{20}$'),
  name       text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table users (
  id            bigserial primary key,
  email         text not null check (email = lower(email) and length(email) between 3 and 320),
  name          text not null default '',
  role          text not null check (role in (
                  'planner', 'klantraad-manager', 'capacity-manager', 'service-manager',
                  'incident-manager', 'calamity-manager', 'admin')),
  afnemer_oin   text references afnemers (oin),
  password_hash text,
  created_at    timestamptz not null default now(),
  constraint users_email_unique unique (email),
  constraint users_afnemer_bound check (
    (role in ('planner', 'klantraad-manager')) = (afnemer_oin is not null))
);

create table sessions (
  token_hash text primary key,
  user_id    bigint not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id           bigserial primary key,
  user_id      bigint not null references users (id) on delete cascade,
  token_hash   text not null unique,
  created_at   timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

create table deliveries (
  id           bigserial primary key,
  afnemer_oin  text not null references afnemers (oin),
  uploaded_by  bigint not null references users (id),
  uploaded_at  timestamptz not null default now(),
  file_name    text,
  content_type text not null,
  row_count    integer not null,
  created      integer not null,
  updated      integer not null,
  unchanged    integer not null
);
create index deliveries_afnemer_idx on deliveries (afnemer_oin, uploaded_at desc);

create table send_windows (
  id               bigserial primary key,
  afnemer_oin      text not null references afnemers (oin),
  kenmerk          text not null check (length(kenmerk) between 1 and 100),
  omschrijving     text not null default '',
  berichttype      text not null,
  start_at         timestamptz not null,
  end_at           timestamptz not null,
  aantal_berichten bigint not null check (aantal_berichten > 0),
  status           text not null check (status in ('concept', 'definitief', 'geannuleerd')),
  vroegste_start   timestamptz,
  laatste_eind     timestamptz,
  revision         integer not null default 1,
  delivery_id      bigint references deliveries (id),
  updated_by       bigint references users (id),
  updated_at       timestamptz not null default now(),
  constraint send_windows_kenmerk_unique unique (afnemer_oin, kenmerk),
  constraint send_windows_order check (end_at > start_at)
);
create index send_windows_time_idx on send_windows (start_at, end_at);

create table send_window_revisions (
  window_id        bigint not null references send_windows (id),
  revision         integer not null,
  delivery_id      bigint references deliveries (id),
  changed_by       bigint references users (id),
  changed_at       timestamptz not null default now(),
  omschrijving     text not null,
  berichttype      text not null,
  start_at         timestamptz not null,
  end_at           timestamptz not null,
  aantal_berichten bigint not null,
  status           text not null,
  vroegste_start   timestamptz,
  laatste_eind     timestamptz,
  primary key (window_id, revision)
);
