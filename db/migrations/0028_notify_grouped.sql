-- Issue 16: the live-change trigger of a bulk statement (a 100,000-row delivery) built an array per row, unnested
-- each and sorted them all for the distinct Afnemers (0.15-0.3 s). Rows with the same scope are grouped first (a hash
-- of 100,000 rows into one or a few groups), then only the groups are unnested. Same count, same "everyone", same
-- sorted distinct Afnemers.
create or replace function changes_notify_scoped() returns trigger language plpgsql as $$
declare
  source text := case tg_op
    when 'INSERT' then 'new_rows'
    when 'DELETE' then 'old_rows'
    else '(select * from new_rows union all select * from old_rows)' end;
  n bigint;
  everyone boolean;
  afnemers text[];
begin
  execute format(
    'with s as (select %s as x, count(*) as c from %s r group by 1)
     select (select coalesce(sum(c), 0)::bigint from s), (select coalesce(bool_or(x is null), false) from s),
       (select coalesce(array_agg(distinct a) filter (where a is not null), ''{}'') from s left join lateral unnest(s.x) as a on true)',
    tg_argv[1], source) into n, everyone, afnemers;
  if n > 0 then
    perform change_notify(tg_argv[0], everyone, afnemers);
  end if;
  return null;
end $$;
