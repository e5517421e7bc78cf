-- A repository's concepts (languages, frameworks, domains), tagged from its language, topics and
-- description by the analysis job: [{id, name, path, score, evidence}], best first.
ALTER TABLE repositories ADD COLUMN concepts jsonb NOT NULL DEFAULT '[]'::jsonb;
