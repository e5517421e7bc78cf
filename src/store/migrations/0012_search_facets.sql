-- Search keys: a few words per issue that the full-text index can intersect with the query's own
-- words, so a search touches only the rows it needs instead of every match of a common word.
--   w:<week>   the week of updated_at (weeks since 1970-01-01, UTC): a search for the most recently
--              updated matches reads one recent week range after another (store/search-recent.ts)
--              instead of sorting every match of "error" by date
--   s:<state>, k:issue | k:pr, r:<repository id>: the state, type and repository filters (a filter
--              that leaves few of the text's matches costs a read of each of them when tested on the
--              rows; in the index, the cost stays bounded)
-- One GIN index holds the text, the labels and these keys: GIN intersects conditions on its columns
-- inside the index. It replaces the text-only and label-only GIN indexes, which it serves as well.
-- The title trigram index gets the keys too, for the title-substring and fuzzy-title searches.

ALTER TABLE issues ADD COLUMN search_keys text[] GENERATED ALWAYS AS (ARRAY[
  'w:' || floor(date_part('epoch', updated_at AT TIME ZONE 'UTC') / 604800)::int::text,
  's:' || state,
  CASE WHEN is_pull_request THEN 'k:pr' ELSE 'k:issue' END,
  'r:' || repo_id::text
]) STORED;

CREATE INDEX issues_search ON issues USING gin (search_vector, label_names, search_keys);
DROP INDEX issues_search_vector;
DROP INDEX issues_label_names;
CREATE INDEX issues_title_search ON issues USING gin (title gin_trgm_ops, search_keys);
DROP INDEX issues_title_trgm;
