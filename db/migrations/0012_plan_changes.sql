-- Plan changes: a move or edit of windows (from a suggestion, by hand, by a decision, or undoing one) is one
-- plan change; every revision it writes names it and its source. An undo is itself a plan change (undo_of), and
-- the change it undoes is marked undone, once: the unique undo_of lets only one of two concurrent undos commit.
create table plan_changes (
  id         bigserial primary key,
  created_at timestamptz not null,
  user_id    bigint not null references users (id),
  source     text not null check (source in (
               'suggestie', 'handmatig', 'besluit Klantraad', 'besluit Logius', 'ongedaan gemaakt', 'procedure')),
  undo_of    bigint unique references plan_changes (id),
  undone_at  timestamptz,
  check ((source = 'ongedaan gemaakt') = (undo_of is not null))
);

-- Revisions from before plan changes, and those of deliveries, keep both null (or source 'aanlevering').
alter table send_window_revisions
  add column source text check (source in (
    'aanlevering', 'suggestie', 'handmatig', 'besluit Klantraad', 'besluit Logius', 'ongedaan gemaakt', 'procedure')),
  add column plan_change_id bigint references plan_changes (id);
create index send_window_revisions_plan_change_idx on send_window_revisions (plan_change_id) where plan_change_id is not null;

-- History is added to, never rewritten: an undo writes a new revision.
create function send_window_revisions_refuse_update() returns trigger language plpgsql as $$
begin
  raise exception 'De geschiedenis van verzendmomenten is alleen aan te vullen: % is niet toegestaan', tg_op
    using errcode = 'insufficient_privilege';
end $$;
create trigger send_window_revisions_append_only before update on send_window_revisions
  for each row execute function send_window_revisions_refuse_update();
