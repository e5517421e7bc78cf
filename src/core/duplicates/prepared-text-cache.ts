import type { IssueText } from '../issue.ts';
import { prepareIssue, type PreparedText } from './pair-features.ts';

/**
 * Tokenised, fingerprinted issue texts, memoised by a caller's key (a store row id). The same
 * issues come back as candidates for many queries, and preparing a text is most of the cost of
 * ranking; the cache is bounded (least recently used out) so memory does not grow with the store.
 * A key must always name the same text.
 */
export function createPreparedTextCache(maxEntries = 5000) {
  const entries = new Map<string | number, PreparedText>();
  return {
    /** The prepared text of `key`, computed from `text` on a miss. */
    get(key: string | number, text: IssueText): PreparedText {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const { title, body, full, fingerprint } = prepareIssue({ id: String(key), text });
      const prepared = { title, body, full, fingerprint };
      entries.set(key, prepared);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string | number);
      return prepared;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type PreparedTextCache = ReturnType<typeof createPreparedTextCache>;
