-- Carrying out a levelled plan (issue 18): the capacity manager accepts a proposal, which moves nothing but offers
-- each affected Afnemer's planners their moves; a planner accepts (as a plan change of source 'nivellering', with
-- the usual undo) or declines each move. One answer per move: the primary key lets only one of two concurrent
-- answers to the same move commit.
alter table levelling_proposals
  add column accepted_by bigint references users (id),
  add column accepted_at timestamptz,
  add check ((accepted_by is null) = (accepted_at is null));

create table levelling_move_answers (
  proposal_id    bigint not null references levelling_proposals (id),
  window_id      bigint not null references send_windows (id),
  afnemer_oin    text not null,
  answer         text not null check (answer in ('geaccepteerd', 'afgewezen')),
  user_id        bigint not null references users (id),
  answered_at    timestamptz not null,
  plan_change_id bigint references plan_changes (id),
  primary key (proposal_id, window_id),
  check ((answer = 'geaccepteerd') = (plan_change_id is not null))
);

-- A plan change (and each revision it writes) may now come from a levelled plan.
alter table plan_changes drop constraint plan_changes_source_check;
alter table plan_changes add constraint plan_changes_source_check check (source in (
  'suggestie', 'handmatig', 'besluit Klantraad', 'besluit Logius', 'ongedaan gemaakt', 'procedure', 'nivellering'));
alter table send_window_revisions drop constraint send_window_revisions_source_check;
alter table send_window_revisions add constraint send_window_revisions_source_check check (source in (
  'aanlevering', 'suggestie', 'handmatig', 'besluit Klantraad', 'besluit Logius', 'ongedaan gemaakt', 'procedure', 'nivellering'));

-- An answer to a move is live (LIVE_CHANGE_KINDS 'levelling'): the capacity manager's open levelling page and the
-- other planners of that Afnemer see an acceptance or a decline without a reload. It concerns that Afnemer (and
-- Logius). A proposal accepted concerns Logius alone; the planners hear of it by their notification.
create trigger levelling_move_answers_notify_insert after insert on levelling_move_answers referencing new table as new_rows
  for each statement execute function changes_notify_scoped('levelling', 'array[r.afnemer_oin]');
create trigger levelling_move_answers_notify_update after update on levelling_move_answers referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('levelling', 'array[r.afnemer_oin]');
create trigger levelling_move_answers_notify_delete after delete on levelling_move_answers referencing old table as old_rows
  for each statement execute function changes_notify_scoped('levelling', 'array[r.afnemer_oin]');
create trigger levelling_proposals_notify_insert after insert on levelling_proposals referencing new table as new_rows
  for each statement execute function changes_notify_scoped('levelling', 'array[]::text[]');
create trigger levelling_proposals_notify_update after update on levelling_proposals referencing old table as old_rows new table as new_rows
  for each statement execute function changes_notify_scoped('levelling', 'array[]::text[]');
