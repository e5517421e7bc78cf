-- Loupe's first schema: repositories, issues (and pull requests), comments, sync state.
-- Runs unchanged on PGlite and PostgreSQL. Forward-only: never edit a migration that has shipped.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE repositories (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL DEFAULT 'github',
  owner text NOT NULL,
  name text NOT NULL,
  external_id text,
  description text,
  html_url text,
  default_branch text,
  language text,
  topics text[] NOT NULL DEFAULT '{}',
  stars integer NOT NULL DEFAULT 0,
  -- Which API the repository is read from (api.github.com, a GHES host, the bundled emulator).
  api_url text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  added_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX repositories_source_full_name ON repositories (source, lower(owner), lower(name));

CREATE TABLE issues (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  number integer NOT NULL,
  external_id text NOT NULL,
  url text,
  title text NOT NULL,
  body text NOT NULL DEFAULT '',
  state text NOT NULL CHECK (state IN ('open', 'closed')),
  state_reason text,
  is_pull_request boolean NOT NULL DEFAULT false,
  merged_at timestamptz,
  author text,
  author_association text,
  assignees text[] NOT NULL DEFAULT '{}',
  milestone text,
  label_names text[] NOT NULL DEFAULT '{}',
  labels jsonb NOT NULL DEFAULT '[]',
  comments_count integer NOT NULL DEFAULT 0,
  reactions_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  synced_at timestamptz NOT NULL DEFAULT now(),
  -- Title weighs more than body; bodies are cut at 20k characters so one huge paste cannot bloat the
  -- index or the ranking cost.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(body, 20000)), 'B')
  ) STORED,
  UNIQUE (repo_id, number)
);
CREATE INDEX issues_search_vector ON issues USING gin (search_vector);
CREATE INDEX issues_title_trgm ON issues USING gin (title gin_trgm_ops);
CREATE INDEX issues_label_names ON issues USING gin (label_names);
CREATE INDEX issues_updated ON issues (updated_at DESC, id DESC);
CREATE INDEX issues_created ON issues (created_at DESC, id DESC);
CREATE INDEX issues_repo_updated ON issues (repo_id, updated_at DESC, id DESC);
CREATE INDEX issues_author ON issues (lower(author));

-- Comments are keyed by (repo, issue number), not by issue id: the repository-wide comment stream
-- can deliver a comment before the issue it belongs to has been stored.
CREATE TABLE issue_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  issue_number integer NOT NULL,
  external_id text NOT NULL,
  author text,
  author_association text,
  body text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (repo_id, external_id)
);
CREATE INDEX issue_comments_issue ON issue_comments (repo_id, issue_number, created_at);

-- Where each sync stream of a repository has reached: `since` is the greatest updated_at of which
-- every item is stored; `etag` answers the next identical request with a free 304.
CREATE TABLE sync_cursors (
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  stream text NOT NULL CHECK (stream IN ('issues', 'comments')),
  since timestamptz,
  etag text,
  etag_url text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repo_id, stream)
);

CREATE TABLE sync_runs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  repo_id bigint NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  job_id text,
  queued_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  issues_synced integer NOT NULL DEFAULT 0,
  comments_synced integer NOT NULL DEFAULT 0,
  requests integer NOT NULL DEFAULT 0,
  not_modified integer NOT NULL DEFAULT 0,
  error text
);
CREATE INDEX sync_runs_repo ON sync_runs (repo_id, id DESC);

-- Words of issue titles, for "did you mean" on misspelt queries: trigram lookups over this small
-- table are fast where trigram matching over every title is not.
CREATE TABLE search_terms (
  word text PRIMARY KEY,
  ndoc integer NOT NULL
);
CREATE INDEX search_terms_trgm ON search_terms USING gin (word gin_trgm_ops);

CREATE TABLE workspace_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);
