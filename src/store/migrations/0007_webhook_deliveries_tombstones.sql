-- Webhook redeliveries must not bring deleted items back (GitHub redelivers with the same
-- X-GitHub-Delivery, and a poller page or a newer delivery may still hold a pre-deletion copy).

-- Deliveries already applied, keyed by X-GitHub-Delivery. A row is inserted in the same transaction
-- as the writes the delivery causes, before them: a concurrent identical delivery (another API
-- process) waits on the primary key and then finds the row, so it applies nothing. Only deliveries
-- that reach the store are recorded (outcome 'stored'); pings and ignored events change nothing and
-- are evaluated afresh when redelivered.
-- Retention: every recorded delivery prunes at most 100 rows older than 30 days (through
-- webhook_deliveries_received), so the table holds about a month of deliveries at no scheduled cost.
-- GitHub redelivers only deliveries of the last few days; an older redelivery is applied again, and
-- the tombstones below still keep it from resurrecting anything.
CREATE TABLE webhook_deliveries (
  delivery_id text PRIMARY KEY,
  event text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  outcome text NOT NULL
);
CREATE INDEX webhook_deliveries_received ON webhook_deliveries (received_at);

-- Issues a webhook removed (deleted on GitHub, or transferred to another repository). No copy with
-- updated_at <= deleted_at is written again, nor comments of the issue that old; a newer copy (an
-- issue transferred back) is written and drops the tombstone. deleted_at is on GitHub's clock (the
-- deletion payload's updated_at, or the removed row's if later) because the copies it is compared
-- with carry GitHub's updated_at.
CREATE TABLE issue_tombstones (
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  number integer NOT NULL,
  deleted_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (reason IN ('deleted', 'transferred')),
  PRIMARY KEY (repo_id, number)
);

-- Comments a webhook removed; same rule, keyed like issue_comments by the source comment id.
CREATE TABLE comment_tombstones (
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  external_id text NOT NULL,
  deleted_at timestamptz NOT NULL,
  PRIMARY KEY (repo_id, external_id)
);
