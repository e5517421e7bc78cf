/**
 * Labels by which maintainers declare an issue newcomer-friendly. The difficulty scorer predicts
 * exactly that verdict, so reading these labels back would be circular: they are stripped before
 * any signal is computed.
 */

// Normalised (lower case, runs of space/_/- collapsed to one space) label names or patterns.
// "hacktoberfest" and "good second issue" are included on purpose: both are maintainers' own
// newcomer-invitation verdicts, and in real repositories they travel with "good first issue".
const GFI_PATTERNS: readonly RegExp[] = [
  /^good (?:first|1st|second|2nd) (?:issue|bug|pr|task|contribution)s?$/,
  /^(?:first|1st) (?:timers?|timer s) only$/,
  /^first timers? friendly$/,
  /^(?:good )?first (?:issue|contribution|contributions|task)s?$/,
  /^(?:beginners?|newcomers?|newbies?|novices?)(?: friendly| only| welcome| issue)?$/,
  /^(?:easy|starter|trivial)(?: fix| task| issue| pick| first issue)?$/,
  /^(?:difficulty|complexity|level|effort|exp|experience)\s?:?\s?(?:easy|low|beginner|starter|trivial)$/,
  /^(?:e|d|p)\s?:?\s?easy$/,
  /^low hanging fruit$/,
  /^(?:up for grabs|jump in|hacktoberfest|hacktoberfest accepted)$/,
];

function normaliseLabel(name: string): string {
  return name
    .toLowerCase()
    .replace(/[\s_\-–—./]+/g, ' ')
    .replace(/[^\p{L}\p{N}: ]/gu, '')
    .trim();
}

/**
 * True when a label means "good first issue" or a synonym (good-first-issue, beginner, easy,
 * starter, first-timers-only, low-hanging-fruit, up-for-grabs, hacktoberfest, good second issue…).
 * The scorer ignores such labels.
 */
export function isGoodFirstIssueLabel(name: string): boolean {
  const normalised = normaliseLabel(name);
  if (normalised === '') return false;
  return GFI_PATTERNS.some((pattern) => pattern.test(normalised));
}

/** The labels with every good-first-issue synonym removed, order kept. */
export function stripGoodFirstIssueLabels(labels: readonly string[]): string[] {
  return labels.filter((label) => !isGoodFirstIssueLabel(label));
}
