-- Streams are defined by each source (src/sources/source.ts), and so are their cursors: the sync
-- engine stores a cursor as opaque JSON and hands it back unchanged. GitHub's cursors carry over:
-- `since` in GitHub's timestamp form, and the ETag with the exact query it answered, so the first
-- sync after this migration still earns its 304.
ALTER TABLE sync_cursors DROP CONSTRAINT sync_cursors_stream_check;
ALTER TABLE sync_cursors ADD COLUMN cursor jsonb;
UPDATE sync_cursors SET cursor = jsonb_strip_nulls(jsonb_build_object(
  'since', to_char(since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'etag', etag,
  'etagUrl', etag_url));
ALTER TABLE sync_cursors DROP COLUMN since, DROP COLUMN etag, DROP COLUMN etag_url;
