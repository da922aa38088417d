-- Issue 18: the load chart's actual series is cached until the actuals change; the latest receipt is that stamp,
-- read at every GET /load, so it needs an index (without it every request scans the whole table).
create index actuals_received_at_idx on actuals (received_at);
