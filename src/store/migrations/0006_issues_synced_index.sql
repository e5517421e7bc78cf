-- The rows a sync (or webhook) wrote, found by when they were written: the "did you mean" lexicon
-- takes in just their titles instead of re-reading every title after each sync.
CREATE INDEX issues_synced ON issues (synced_at);
