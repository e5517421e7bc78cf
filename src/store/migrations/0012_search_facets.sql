-- Search keys: words an issue carries beside its text, which the full-text and title GIN indexes
-- intersect with the query's own words, so a search touches only the rows it needs instead of
-- every match of a common word:
--   w:<week>   the week of updated_at (weeks since 1970-01-01, UTC): a search for the most recently
--              updated matches reads one recent range of weeks after another (store/search-recent.ts)
--              instead of sorting every match of "error" by date
--   w4:<week / 4>, w16:<week / 16>: blocks of 4 and 16 weeks, so a range of many weeks is a few keys
--              (GIN took 5.3 ms for "switcher" + bug over 48 week keys, 1.7 ms over 4)
--   s:<state>, k:issue | k:pr, r:<repository id>, l:<label>: the filters. Tested on the rows
--              instead, a filter that leaves few of the text's matches costs a read of each match;
--              in the index the cost stays bounded. Labels are keys rather than a second index
--              column: GIN intersected "guide" + label_names @> {bug} in 12 ms, "guide" + a key of
--              the same column as the week keys in 3 ms (1,000,000 issues).
-- One GIN index holds the text and the keys; it replaces the text-only and label-only GIN indexes.
-- The title trigram index gets the keys too, for the title-substring and fuzzy-title searches.

-- A generated column cannot hold a subquery: this prefixes each label.
CREATE FUNCTION search_label_keys(labels text[]) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT 'l:' || label FROM unnest(labels) AS label) $$;

ALTER TABLE issues ADD COLUMN search_keys text[] GENERATED ALWAYS AS (ARRAY[
  'w:' || floor(date_part('epoch', updated_at AT TIME ZONE 'UTC') / 604800)::int::text,
  'w4:' || floor(date_part('epoch', updated_at AT TIME ZONE 'UTC') / (604800 * 4))::int::text,
  'w16:' || floor(date_part('epoch', updated_at AT TIME ZONE 'UTC') / (604800 * 16))::int::text,
  's:' || state,
  CASE WHEN is_pull_request THEN 'k:pr' ELSE 'k:issue' END,
  'r:' || repo_id::text
] || search_label_keys(label_names)) STORED;

CREATE INDEX issues_search ON issues USING gin (search_vector, search_keys);
DROP INDEX issues_search_vector;
DROP INDEX issues_label_names;
CREATE INDEX issues_title_search ON issues USING gin (title gin_trgm_ops, search_keys);
DROP INDEX issues_title_trgm;
