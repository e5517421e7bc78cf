-- What Loupe understood of each issue, and duplicate links between issues.

CREATE TABLE issue_analysis (
  issue_id bigint PRIMARY KEY REFERENCES issues (id) ON DELETE CASCADE,
  -- The analysis is current while these match the issue's updated_at and the code's ANALYSIS_VERSION.
  issue_updated_at timestamptz NOT NULL,
  version text NOT NULL,
  type text NOT NULL,
  type_confidence real NOT NULL,
  type_probabilities jsonb NOT NULL,
  type_reasons jsonb NOT NULL,
  difficulty text NOT NULL CHECK (difficulty IN ('easy', 'medium', 'hard')),
  gfi_score real NOT NULL,
  difficulty_reasons jsonb NOT NULL,
  concept_ids text[] NOT NULL DEFAULT '{}',
  concepts jsonb NOT NULL DEFAULT '[]',
  analyzed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issue_analysis_type ON issue_analysis (type);
CREATE INDEX issue_analysis_gfi ON issue_analysis (gfi_score DESC);
CREATE INDEX issue_analysis_concepts ON issue_analysis USING gin (concept_ids);

-- issue_id is (suggested or confirmed to be) a duplicate of duplicate_of_id. Rejections are kept so
-- a rejected suggestion is never suggested again, and so they can be learned from.
CREATE TABLE duplicate_links (
  issue_id bigint NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  duplicate_of_id bigint NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected')),
  origin text NOT NULL CHECK (origin IN ('detector', 'state-reason', 'reference', 'maintainer')),
  score real,
  evidence jsonb NOT NULL DEFAULT '[]',
  decided_by text,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issue_id, duplicate_of_id),
  CHECK (issue_id <> duplicate_of_id)
);
CREATE INDEX duplicate_links_target ON duplicate_links (duplicate_of_id);
