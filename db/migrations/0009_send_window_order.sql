-- Lists of send windows page through them by start time (and id, for a stable order). Without this index every
-- page sorted the whole table, and a late page took tens of milliseconds. (A planner's list is narrowed first by
-- the (afnemer_oin, kenmerk) index to its own windows, and sorting those is cheap.)
create index send_windows_start_id_idx on send_windows (start_at, id);
