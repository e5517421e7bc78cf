-- Each stream of a repository (metadata, issues, comments) keeps its own cursor and its own
-- completion state. `complete` is true once the stream was read to its last page and nothing has
-- since marked it stale (a changed issue marks comments stale in the same transaction as the issue
-- page). Before this, comments were read only when the issue stream changed, so comments cut off by a
-- kill, a 5xx or a rate limit were never read again once the issue stream answered 304.
ALTER TABLE sync_cursors DROP CONSTRAINT sync_cursors_stream_check;
ALTER TABLE sync_cursors ADD CONSTRAINT sync_cursors_stream_check CHECK (stream IN ('metadata', 'issues', 'comments'));
ALTER TABLE sync_cursors ADD COLUMN complete boolean NOT NULL DEFAULT false;
-- Existing issue streams that ended with a kept ETag were complete; every comment stream is re-read
-- from its cursor once, which brings back comments the old rule skipped.
UPDATE sync_cursors SET complete = (stream = 'issues' AND etag IS NOT NULL);

-- Processes that run jobs or syncs, with a heartbeat. pg-boss 10 frees a dead worker's job only when
-- it expires; Loupe instead fails the jobs and sync runs of a process whose heartbeat stopped.
CREATE TABLE worker_processes (
  id text PRIMARY KEY,
  role text NOT NULL,
  hostname text NOT NULL,
  pid integer NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- Which process holds which pg-boss job while its handler runs.
CREATE TABLE job_leases (
  job_id text PRIMARY KEY,
  queue text NOT NULL,
  worker_id text NOT NULL REFERENCES worker_processes (id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_leases_worker ON job_leases (worker_id);

ALTER TABLE sync_runs ADD COLUMN worker_id text;
CREATE INDEX sync_runs_running ON sync_runs (status) WHERE status IN ('queued', 'running');
