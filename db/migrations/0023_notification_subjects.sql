-- What a notification is about (a conflict, an incident, an RFC, ...), so the web groups them per event; and an
-- index for a user's unread ones ("alles als gelezen markeren", the unread count). The kinds are
-- NOTIFICATION_KINDS in @cd/shared/constants; older rows get their conflict, or none.
alter table notifications add column subject_kind text not null default 'other';
alter table notifications add column subject_ref text;
update notifications set subject_kind = 'conflict', subject_ref = conflict_id::text where conflict_id is not null;
create index notifications_unread_idx on notifications (user_id) where read_at is null;
