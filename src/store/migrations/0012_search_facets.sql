-- Search keys: words an issue carries beside its text, which the GIN indexes intersect with the
-- query's own words, so a search touches only the rows it needs instead of every match of a common
-- word. For now one:
--   w:<week>   the week of updated_at (weeks since 1970-01-01, UTC): a search for the most recently
--              updated matches reads one recent range of weeks after another (store/search-recent.ts)
--              instead of sorting every match of "error" by date
-- (Keys for the state, type or repository filters were tried: intersecting a key that half the
-- issues carry costs more inside the index than testing it on the rows found.)
-- One GIN index holds the text, the labels and the keys; it replaces the text-only and label-only
-- GIN indexes, which it serves as well. The title trigram index gets the keys too, for the
-- title-substring and fuzzy-title searches.

ALTER TABLE issues ADD COLUMN search_keys text[] GENERATED ALWAYS AS (
  ARRAY['w:' || floor(date_part('epoch', updated_at AT TIME ZONE 'UTC') / 604800)::int::text]
) STORED;

CREATE INDEX issues_search ON issues USING gin (search_vector, label_names, search_keys);
DROP INDEX issues_search_vector;
DROP INDEX issues_label_names;
CREATE INDEX issues_title_search ON issues USING gin (title gin_trgm_ops, search_keys);
DROP INDEX issues_title_trgm;
