/** How many duplicate links an issue has, by what is known of them. */
export interface DuplicateCounts {
  /** Links a maintainer or the source confirmed. */
  confirmed: number;
  /** Suggestions nobody has decided yet. */
  possible: number;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * The duplicates badge in words, the same on the list and on the issue page: "1 confirmed duplicate ·
 * 2 possible duplicates", after `lead` when there is one ("Duplicate of #201 · 1 possible
 * duplicate"). Null when there is nothing to say, so the badge is left out.
 */
export function duplicateCountText(counts: DuplicateCounts, lead: string | null = null): string | null {
  const parts: string[] = [];
  if (lead) parts.push(lead);
  if (counts.confirmed > 0) parts.push(plural(counts.confirmed, 'confirmed duplicate'));
  if (counts.possible > 0) parts.push(plural(counts.possible, 'possible duplicate'));
  return parts.length > 0 ? parts.join(' · ') : null;
}
