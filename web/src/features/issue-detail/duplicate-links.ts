import type { DuplicateLink, DuplicateStatus } from '../../api-client/api-types.ts';
import { duplicateCountText } from '../../components/duplicate-count-text.ts';

/** An issue's duplicate cluster split the way the page shows it. */
export interface DuplicateGroups {
  confirmed: DuplicateLink[];
  suggested: DuplicateLink[];
  rejected: DuplicateLink[];
}

const byScore = (a: DuplicateLink, b: DuplicateLink): number =>
  (b.score ?? -1) - (a.score ?? -1) || a.number - b.number;

/**
 * Confirmed links, then suggestions, then rejections, each strongest first. `overrides` holds
 * decisions still being posted, so the page moves a link as soon as the maintainer clicks.
 */
export function groupDuplicates(
  links: readonly DuplicateLink[],
  overrides: ReadonlyMap<string, DuplicateStatus> = new Map(),
): DuplicateGroups {
  const groups: DuplicateGroups = { confirmed: [], suggested: [], rejected: [] };
  for (const link of links) {
    const status = overrides.get(link.id) ?? link.status;
    groups[status].push(status === link.status ? link : { ...link, status });
  }
  groups.confirmed.sort(byScore);
  groups.suggested.sort(byScore);
  groups.rejected.sort(byScore);
  return groups;
}

/** "#12" within the same repository, "owner/name#12" across repositories. */
export function issueRef(link: Pick<DuplicateLink, 'repo' | 'number'>, thisRepo: string): string {
  return link.repo === thisRepo ? `#${link.number}` : `${link.repo}#${link.number}`;
}

/** The direction of a link in words, from the page's point of view. */
export function duplicateDirectionText(
  link: Pick<DuplicateLink, 'repo' | 'number' | 'direction'>,
  thisRepo: string,
): string {
  const ref = issueRef(link, thisRepo);
  return link.direction === 'duplicate-of' ? `This issue duplicates ${ref}` : `${ref} duplicates this issue`;
}

const ORIGINS: Record<DuplicateLink['origin'], string> = {
  detector: 'found by Loupe',
  'state-reason': 'closed as a duplicate on GitHub',
  reference: 'marked as a duplicate in a comment',
  maintainer: 'decided by a maintainer',
};

/** Where a link came from, in words. */
export const duplicateOriginText = (origin: DuplicateLink['origin']): string => ORIGINS[origin] ?? origin;

/**
 * What a link is and who said so: "Suggested by Loupe", "Confirmed: closed as a duplicate on
 * GitHub", "Confirmed: marked as a duplicate in a comment", "Rejected: decided by a maintainer".
 */
export function duplicateSourceText(link: Pick<DuplicateLink, 'status' | 'origin'>): string {
  if (link.status === 'suggested') return link.origin === 'detector' ? 'Suggested by Loupe' : 'Suggested';
  return `${link.status === 'confirmed' ? 'Confirmed' : 'Rejected'}: ${duplicateOriginText(link.origin)}`;
}

/**
 * The issue pair a decision is posted for. The API decides "`id` duplicates `otherId`", so a link
 * shown as "#40 duplicates this issue" is decided from #40's side.
 */
export function duplicateDecisionTarget(
  thisId: string,
  link: Pick<DuplicateLink, 'id' | 'direction'>,
): { id: string; otherId: string } {
  return link.direction === 'duplicate-of'
    ? { id: thisId, otherId: link.id }
    : { id: link.id, otherId: thisId };
}

/** The status a decision leads to. */
export const statusAfter = (decision: 'confirm' | 'reject'): DuplicateStatus =>
  decision === 'confirm' ? 'confirmed' : 'rejected';

/**
 * Similarity is a detector's guess: shown for suggestions only. A confirmed or rejected link is a
 * decision, and a link confirmed by the source (closed as a duplicate, "Duplicate of #N") may join
 * issues whose titles share nothing, so a score there would mislead.
 */
export const showsSimilarity = (link: Pick<DuplicateLink, 'status' | 'score'>): boolean =>
  link.status === 'suggested' && link.score !== null;

/**
 * The duplicates badge of an issue page, from its links: "Duplicate of #201" when this issue is a
 * confirmed duplicate, "2 confirmed duplicates" when others duplicate it, then suggestions as
 * "1 possible duplicate"; null without confirmed or suggested links.
 */
export function duplicateSummaryText(links: readonly DuplicateLink[], thisRepo: string): string | null {
  const confirmed = links.filter((l) => l.status === 'confirmed');
  const original = confirmed.find((l) => l.direction === 'duplicate-of');
  return duplicateCountText(
    {
      confirmed: confirmed.length - (original ? 1 : 0),
      possible: links.filter((l) => l.status === 'suggested').length,
    },
    original ? `Duplicate of ${issueRef(original, thisRepo)}` : null,
  );
}
