-- A levelled plan for a period (issue 18): the capacity manager's proposal of moves, stored so it can be read back.
-- A proposal moves nothing: the send windows stay as they are until each planner carries out their moves.
create table levelling_proposals (
  id               bigserial primary key,
  period_from      timestamptz not null,
  period_to        timestamptz not null,
  created_by       bigint not null references users (id),
  created_at       timestamptz not null,
  moves            jsonb not null,
  remaining        jsonb not null,
  figures          jsonb not null,
  dry_run          jsonb not null,
  check (period_to > period_from)
);
create index levelling_proposals_created_idx on levelling_proposals (created_at desc);
