-- The workspace's extension of the built-in concept taxonomy (core/concepts: extendTaxonomy).
-- One row at most: a workspace has one extension, saved and replaced as a whole. `revision` goes up
-- by one on every save, so an analysis stamped with it can tell that the taxonomy it used is stale.

CREATE TABLE concept_extensions (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- Partial<Concept>[]: new concepts and field-by-field overrides of built-in ones.
  extensions jsonb NOT NULL CHECK (jsonb_typeof(extensions) = 'array'),
  revision integer NOT NULL CHECK (revision > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);
