-- Lockout after repeated failed logins; shared by every server instance.
alter table users add column failed_logins integer not null default 0;
alter table users add column locked_until timestamptz;
