/**
 * Duplicate fingerprints of stored issues, memoised per store row. The same popular issues come back
 * as candidates for many queries, and extracting a fingerprint is a large share of ranking time;
 * the cache is bounded (least recently used out) so that memory does not grow with the file.
 */
import { extractDuplicateEvidence } from '../core/duplicates/index.ts';
import type { DuplicateFingerprint } from '../core/duplicates/index.ts';
import type { IssueText } from '../core/issue.ts';

export function createFingerprintCache(maxEntries = 2000) {
  const entries = new Map<number, DuplicateFingerprint>();
  return {
    /** The fingerprint of the row `key` (its ordinal), computed from `text` on a miss. */
    get(key: number, text: IssueText): DuplicateFingerprint {
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const fingerprint = extractDuplicateEvidence(text);
      entries.set(key, fingerprint);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as number);
      return fingerprint;
    },
    get size(): number {
      return entries.size;
    },
  };
}

export type FingerprintCache = ReturnType<typeof createFingerprintCache>;
