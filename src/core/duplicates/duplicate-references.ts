/** A confirmed-duplicate link found in text: `#12`, `owner/repo#12`, a GitHub URL or a Jira key. */
export interface DuplicateReference {
  repo?: string;
  number?: number;
  key?: string;
}

// "duplicate of", "dup of", "dupe of", "duplicates", "duplicated by", "closing as duplicate of" …
const TRIGGER = /\b(?:dup(?:e|licate)?s?(?:\s+of)?|duplicated\s+by)\b[\s:]*/gi;
const REFERENCE =
  /^(?:https?:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/(?:issues|pull)\/(\d+)|https?:\/\/[^\s]+\/browse\/([A-Z][A-Z0-9_]+-\d+)|([\w.-]+\/[\w.-]+)#(\d+)|#(\d+)|([A-Z][A-Z0-9_]+-\d+))/;
const SEPARATOR = /^(?:\s*(?:,|\/|&|\band\b|\bor\b)\s*|\s+)/i;

/**
 * Parses confirmed-duplicate links from text or state, e.g. "Duplicate of #123",
 * "duplicate of https://github.com/o/r/issues/12", "Dup of HADOOP-123". Only references that
 * follow a duplicate phrase count, so an unrelated "#5" elsewhere is not a duplicate link.
 * Returns each referenced issue once, in order of appearance.
 */
export function parseDuplicateReferences(text: string): DuplicateReference[] {
  const found: DuplicateReference[] = [];
  const seen = new Set<string>();
  for (const trigger of text.matchAll(TRIGGER)) {
    let rest = text.slice(
      (trigger.index ?? 0) + trigger[0].length,
      (trigger.index ?? 0) + trigger[0].length + 400,
    );
    for (let m = REFERENCE.exec(rest); m; m = REFERENCE.exec(rest)) {
      const ref = toReference(m);
      const id = `${ref.repo ?? ''}|${ref.number ?? ''}|${ref.key ?? ''}`;
      if (!seen.has(id)) {
        seen.add(id);
        found.push(ref);
      }
      rest = rest.slice(m[0].length);
      const sep = SEPARATOR.exec(rest);
      if (!sep) break;
      rest = rest.slice(sep[0].length);
    }
  }
  return found;
}

function toReference(m: RegExpExecArray): DuplicateReference {
  if (m[1] && m[2]) return { repo: m[1], number: Number(m[2]) };
  if (m[3]) return { key: m[3] };
  if (m[4] && m[5]) return { repo: m[4], number: Number(m[5]) };
  if (m[6]) return { number: Number(m[6]) };
  return { key: m[7] ?? '' };
}
