-- "Already implemented?" in the product: a repository may have a git clone Loupe keeps current, and
-- each issue of such a repository gets the detector's verdict at the clone's head commit.
--
-- Both tables hang off repositories (and so off repositories.workspace_id): removing a repository, or
-- its workspace, removes its clone record and its verdicts. The clone's directory on disk is not
-- removed by the database.

CREATE TABLE repository_clones (
  repository_id bigint PRIMARY KEY REFERENCES repositories (id) ON DELETE CASCADE,
  -- Absolute path of the clone (bare) on the machine that runs the jobs.
  path text NOT NULL,
  -- What it was cloned from and is fetched from: a URL or a local path.
  source_url text NOT NULL,
  head_commit text,
  fetched_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One verdict per issue: the detector's answer at `commit`, for the issue as it was at
-- `issue_updated_at` (a newer issue or another head commit makes it stale).
CREATE TABLE issue_implemented (
  issue_id bigint PRIMARY KEY REFERENCES issues (id) ON DELETE CASCADE,
  repository_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  commit text NOT NULL,
  issue_updated_at timestamptz NOT NULL,
  confidence double precision NOT NULL,
  threshold double precision NOT NULL,
  status text NOT NULL CHECK (status IN ('implemented-after-issue', 'existed-before-issue', 'not-found')),
  -- [{kind, weight, timing, summary, commit?, path?, pullRequest?, terms}], strongest first.
  evidence jsonb NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issue_implemented_repository ON issue_implemented (repository_id);
