-- Changes, releases and service requests (DAP sections 2 and 4), and calendar feeds. Independent of 0005:
-- an urgent RFC names its incident by number (text), not by foreign key.

-- Only users whom their Afnemer has designated may file RFCs for it (section 2.3).
alter table users add column may_file_rfc boolean not null default false;

create table releases (
  id          bigserial primary key,
  name        text not null check (length(name) between 1 and 200),
  description text not null default '',
  start_at    timestamptz not null,
  end_at      timestamptz not null,
  factor      double precision not null check (factor >= 0 and factor <= 1),
  created_by  bigint references users (id),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check (end_at > start_at)
);
create index releases_time_idx on releases (start_at, end_at);

-- A release lowers capacity through its own maintenance window, so the conflict check sees it.
alter table maintenance_windows add column release_id bigint references releases (id) on delete cascade;
alter table maintenance_windows add constraint maintenance_windows_release_kind check (release_id is null or kind = 'release');
create unique index maintenance_windows_release_idx on maintenance_windows (release_id) where release_id is not null;

create table rfcs (
  id              bigserial primary key,
  afnemer_oin     text not null references afnemers (oin),
  kind            text not null check (kind in ('standaard', 'niet-standaard', 'urgent')),
  catalogue_item  text,
  incident_number text check (length(incident_number) between 1 and 50),
  title           text not null check (length(title) between 1 and 200),
  description     text not null default '',
  status          text not null check (status in (
                    'ingediend', 'geanalyseerd', 'impact-geanalyseerd', 'goedgekeurd', 'afgewezen', 'ingepland', 'geimplementeerd')),
  state           jsonb not null,
  release_id      bigint references releases (id),
  filed_by        bigint not null references users (id),
  filed_at        timestamptz not null,
  updated_at      timestamptz not null,
  check ((kind = 'standaard') = (catalogue_item is not null)),
  check ((kind = 'urgent') = (incident_number is not null)),
  check ((status in ('ingepland', 'geimplementeerd')) = (release_id is not null)),
  check (kind = 'niet-standaard' or status <> 'impact-geanalyseerd')
);
create index rfcs_afnemer_idx on rfcs (afnemer_oin, filed_at desc);
create index rfcs_release_idx on rfcs (release_id) where release_id is not null;

create table rfc_events (
  id            bigserial primary key,
  rfc_id        bigint not null references rfcs (id),
  at            timestamptz not null,
  actor_user_id bigint references users (id),
  actor_email   text,
  actor_role    text,
  action        text not null,
  from_status   text,
  to_status     text not null,
  payload       jsonb not null default '{}'
);
create index rfc_events_rfc_idx on rfc_events (rfc_id, id);

create function rfc_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'Het audittrail van RFC''s is alleen aan te vullen: % is niet toegestaan', tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger rfc_events_append_only before update or delete on rfc_events
  for each row execute function rfc_events_refuse_change();

create table service_requests (
  id             bigserial primary key,
  afnemer_oin    text not null references afnemers (oin),
  kind           text not null check (kind in ('standaard', 'vrij')),
  catalogue_item text,
  subject        text not null check (length(subject) between 1 and 200),
  description    text not null default '',
  fields         jsonb not null default '{}',
  status         text not null default 'ingediend' check (status in ('ingediend', 'in-behandeling', 'afgehandeld', 'afgewezen')),
  answer         text,
  filed_by       bigint not null references users (id),
  filed_at       timestamptz not null,
  answered_by    bigint references users (id),
  answered_at    timestamptz,
  updated_at     timestamptz not null,
  check ((kind = 'standaard') = (catalogue_item is not null)),
  check ((status in ('afgehandeld', 'afgewezen')) = (answered_at is not null and answer is not null))
);
create index service_requests_afnemer_idx on service_requests (afnemer_oin, filed_at desc);

-- A secret feed URL per user for Outlook; only the token's SHA-256 is stored. One active feed per user.
create table calendar_feeds (
  id           bigserial primary key,
  user_id      bigint not null references users (id) on delete cascade,
  token_hash   text not null unique,
  created_at   timestamptz not null,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
create unique index calendar_feeds_active_idx on calendar_feeds (user_id) where revoked_at is null;

create trigger releases_notify after insert or update or delete on releases
  for each statement execute function changes_notify('changes');
create trigger rfcs_notify after insert or update or delete on rfcs
  for each statement execute function changes_notify('changes');
create trigger service_requests_notify after insert or update or delete on service_requests
  for each statement execute function changes_notify('changes');
