-- API tokens expire, carry a label, and record who revoked them. Until now they lived forever; existing
-- tokens get a year from their creation, but at least 90 days from now, so no automated delivery stops
-- without notice on the day of this migration.
alter table api_tokens add column label text not null default '' check (length(label) <= 100);
alter table api_tokens add column expires_at timestamptz;
update api_tokens set expires_at = greatest(created_at + interval '365 days', now() + interval '90 days');
alter table api_tokens alter column expires_at set not null;
alter table api_tokens add column revoked_by bigint references users (id) on delete set null;
create index api_tokens_user_idx on api_tokens (user_id, id desc);
