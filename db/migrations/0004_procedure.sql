-- The conflict procedure as a case file: its state, an append-only event trail, in-app notifications and
-- an e-mail outbox; and change notifications (LISTEN/NOTIFY) for the live dashboard.

create table conflict_cases (
  conflict_id bigint primary key references conflicts (id),
  step        text not null,
  state       jsonb not null,
  deadline    timestamptz,
  updated_at  timestamptz not null default now()
);
create index conflict_cases_step_idx on conflict_cases (step, deadline);

create table conflict_events (
  id            bigserial primary key,
  conflict_id   bigint not null references conflicts (id),
  at            timestamptz not null default now(),
  actor_user_id bigint references users (id),
  actor_email   text,
  actor_role    text,
  actor_afnemer text,
  action        text not null,
  from_step     text,
  to_step       text not null,
  payload       jsonb not null default '{}'
);
create index conflict_events_conflict_idx on conflict_events (conflict_id, id);

create function conflict_events_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'Het audittrail van conflicten is alleen aan te vullen: % is niet toegestaan', tg_op
    using errcode = 'insufficient_privilege';
end $$;

create trigger conflict_events_append_only before update or delete on conflict_events
  for each row execute function conflict_events_refuse_change();

create table notifications (
  id          bigserial primary key,
  user_id     bigint not null references users (id),
  conflict_id bigint references conflicts (id),
  title       text not null,
  body        text not null,
  created_at  timestamptz not null default now(),
  read_at     timestamptz
);
create index notifications_user_idx on notifications (user_id, created_at desc);

create table outbox (
  id              bigserial primary key,
  to_email        text not null,
  subject         text not null,
  body            text not null,
  created_at      timestamptz not null default now(),
  attempts        integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error      text,
  sent_at         timestamptz
);
create index outbox_pending_idx on outbox (next_attempt_at) where sent_at is null;

-- Every change tells listening servers what kind of thing changed; delivered at commit, so never early.
create function changes_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('cd_changes', json_build_object('kind', tg_argv[0])::text);
  return null;
end $$;

create function conflict_event_notify() returns trigger language plpgsql as $$
begin
  perform pg_notify('cd_changes', json_build_object('kind', 'procedure', 'conflictId', new.conflict_id)::text);
  return null;
end $$;

create trigger send_windows_notify after insert or update or delete on send_windows
  for each statement execute function changes_notify('prognoses');
create trigger maintenance_windows_notify after insert or update or delete on maintenance_windows
  for each statement execute function changes_notify('maintenance');
create trigger capacity_profiles_notify after insert or update or delete on capacity_profiles
  for each statement execute function changes_notify('capacity');
create trigger conflicts_notify after insert or update or delete on conflicts
  for each statement execute function changes_notify('conflicts');
create trigger notifications_notify after insert or update on notifications
  for each statement execute function changes_notify('notifications');
create trigger conflict_events_notify after insert on conflict_events
  for each row execute function conflict_event_notify();
