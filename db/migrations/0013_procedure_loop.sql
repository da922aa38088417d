-- Issue 12, the procedure to its end. Bijlage-1 contacts get the roles the procedure mails when an Afnemer has no
-- account: its planning contact and its Klantraad contact. The constraint is rebuilt from its current list, so
-- roles another migration added stay.
do $$
declare
  roles text[];
begin
  select array_agg(distinct m[1]) into roles
  from pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z-]+)''', 'g') as m
  where c.conname = 'contacts_role_check' and c.conrelid = 'contacts'::regclass;
  roles := array(select distinct unnest(coalesce(roles, array[]::text[]) || array['planning', 'klantraad']) order by 1);
  alter table contacts drop constraint if exists contacts_role_check;
  execute format('alter table contacts add constraint contacts_role_check check (role = any (%L::text[]))', roles);
end $$;

-- Step 5 is now the klantraad-managers' answer to the advice and step 6 Logius' regie with the ladder and its
-- decisions. Case files stored before keep their trail; their state is brought to the new shape: an escalated case
-- gets no answers yet (its ladder moves to the trail only), a decided case keeps its decision as the first of a list.
update conflict_cases
set state = (state - 'level' - 'ladder') || jsonb_build_object('answers', '{}'::jsonb, 'reason', '')
where step = 'escalated' and not state ? 'answers';

update conflict_cases
set state = (state - 'decision') || jsonb_build_object(
  'answers', '{}'::jsonb,
  'reason', '',
  'cause', 'deadline',
  'level', coalesce(jsonb_array_length(state -> 'ladder'), 0),
  'ladder', coalesce(state -> 'ladder', '[]'::jsonb),
  'decisions', case when state ? 'decision' then jsonb_build_array(state -> 'decision') else '[]'::jsonb end)
where step = 'logius-decides' and not state ? 'decisions';
