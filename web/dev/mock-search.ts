import type { FacetCount, IssueListResponse, IssueSummary } from '../src/api-client/api-types.ts';
import type { MockIssue } from './mock-data.ts';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const tokenize = (text: string): string[] => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** An escaped excerpt of the body with the query terms wrapped in <mark>, as the server promises. */
function snippet(issue: MockIssue, terms: string[]): string | null {
  if (terms.length === 0) return null;
  const text = `${issue.body}`.replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, first === text.length ? 0 : first - 40);
  const excerpt = text.slice(start, start + 160);
  const pattern = new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  return (start > 0 ? '…' : '') + excerpt.split(pattern).map((part, i) => (i % 2 === 1 ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part))).join('') + '…';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function suggest(terms: string[], vocabulary: Set<string>): string | null {
  let changed = false;
  const fixed = terms.map((term) => {
    if (vocabulary.has(term)) return term;
    let best: string | null = null;
    let bestDistance = 3;
    for (const word of vocabulary) {
      const d = editDistance(term, word);
      if (d < bestDistance) [best, bestDistance] = [word, d];
    }
    if (best) changed = true;
    return best ?? term;
  });
  return changed ? fixed.join(' ') : null;
}

function count(values: string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function matchesAnalysis(issue: MockIssue, params: URLSearchParams): boolean {
  const a = issue.analysis;
  const wanted = ['issueType', 'difficulty', 'minGfi', 'concept', 'hasDuplicates'].some((key) => params.has(key));
  if (!wanted) return true;
  if (!a) return false;
  if (params.get('issueType') && a.type !== params.get('issueType')) return false;
  if (params.get('difficulty') && a.difficulty !== params.get('difficulty')) return false;
  if (params.get('minGfi') && a.gfiScore < Number(params.get('minGfi'))) return false;
  if (params.get('concept') && !a.concepts.some((c) => c.id === params.get('concept'))) return false;
  if (params.get('hasDuplicates') && (a.duplicateCount > 0) !== (params.get('hasDuplicates') === 'true')) return false;
  return true;
}

function matchesFilters(issue: MockIssue, params: URLSearchParams): boolean {
  const inRange = (iso: string, from: string | null, to: string | null): boolean => (!from || iso >= from) && (!to || iso <= to);
  if (params.get('repo') && issue.repo !== params.get('repo')) return false;
  if (params.get('state') && issue.state !== params.get('state')) return false;
  if (params.get('author') && issue.author !== params.get('author')) return false;
  const type = params.get('type');
  if (type && (type === 'pr') !== issue.isPullRequest) return false;
  if (!matchesAnalysis(issue, params)) return false;
  if (!params.getAll('label').every((label) => issue.labels.some((l) => l.name === label))) return false;
  return inRange(issue.createdAt, params.get('createdFrom'), params.get('createdTo')) && inRange(issue.updatedAt, params.get('updatedFrom'), params.get('updatedTo'));
}

/** Filters, ranks, facets and pages the canned issues the way GET /api/issues describes. */
export function searchMockIssues(all: MockIssue[], params: URLSearchParams): IssueListResponse {
  const terms = tokenize(params.get('q') ?? '');
  const score = (issue: MockIssue): number => {
    const title = tokenize(issue.title);
    const body = tokenize(issue.body);
    return terms.reduce((sum, t) => sum + (title.some((w) => w.startsWith(t)) ? 3 : 0) + (body.some((w) => w.startsWith(t)) ? 1 : 0), 0);
  };
  const matched = all
    .filter((issue) => matchesFilters(issue, params))
    .map((issue) => ({ issue, score: terms.length ? score(issue) : 1 }))
    .filter(({ issue, score: s }) => terms.length === 0 || (s > 0 && terms.every((t) => tokenize(`${issue.title} ${issue.body}`).some((w) => w.startsWith(t)))));
  const sort = params.get('sort') ?? (terms.length ? 'relevance' : 'updated');
  matched.sort((a, b) =>
    sort === 'relevance' ? b.score - a.score || b.issue.updatedAt.localeCompare(a.issue.updatedAt)
      : sort === 'created' ? b.issue.createdAt.localeCompare(a.issue.createdAt) : b.issue.updatedAt.localeCompare(a.issue.updatedAt));
  const limit = Math.min(100, Number(params.get('limit') ?? 25) || 25);
  const offset = Number(Buffer.from(params.get('cursor') ?? '', 'base64url').toString() || 0);
  const page = matched.slice(offset, offset + limit);
  const issues = page.map(({ issue }): IssueSummary => {
    const { body: _body, comments: _comments, assignees: _a, milestone: _m, reactionsCount: _r, closedAt: _c, authorAssociation: _aa, ...summary } = issue;
    return { ...summary, snippetHtml: snippet(issue, terms) };
  });
  const found = matched.map((m) => m.issue);
  const vocabulary = new Set(all.flatMap((issue) => tokenize(`${issue.title} ${issue.body}`)).filter((w) => w.length > 2));
  return {
    issues,
    nextCursor: offset + limit < matched.length ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    total: matched.length,
    totalCapped: false,
    facetsSampled: false,
    matchMode: terms.length ? 'all-words' : null,
    facets: {
      state: count(found.map((i) => i.state)),
      type: count(found.map((i) => (i.isPullRequest ? 'pr' : 'issue'))),
      labels: count(found.flatMap((i) => i.labels.map((l) => l.name))),
      repos: count(found.map((i) => i.repo)),
      authors: count(found.flatMap((i) => (i.author ? [i.author] : []))),
      issueType: count(found.flatMap((i) => (i.analysis ? [i.analysis.type] : []))),
      difficulty: count(found.flatMap((i) => (i.analysis ? [i.analysis.difficulty] : []))),
      concepts: count(found.flatMap((i) => i.analysis?.concepts.map((c) => c.id) ?? [])),
    },
    didYouMean: terms.length && matched.length === 0 ? suggest(terms, vocabulary) : null,
  };
}
