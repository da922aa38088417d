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
