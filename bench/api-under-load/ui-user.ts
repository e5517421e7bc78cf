// A simulated user of the web UI: the requests its pages make (web/src/api-client/api-client.ts,
// web/src/features), at the pace of someone clicking around, with search-as-you-type like the search box.
import type { LatencyLog } from './latency-log.ts';

/** The UI's read routes, as reported; `/health` is measured beside them for reference only. */
export const UI_ROUTES = {
  repos: 'GET /api/repos',
  list: 'GET /api/issues (list)',
  typing: 'GET /api/issues?q= (typing)',
  issue: 'GET /api/issues/:id',
  concepts: 'GET /api/concepts',
  jobs: 'GET /api/jobs',
  workspace: 'GET /api/workspace',
} as const;
export const HEALTH_ROUTE = 'GET /health';

/** web/src/features/search/search-box.tsx: a search goes out this long after the last keystroke. */
const DEBOUNCE_MS = 150;
const PAGE = 'limit=25';

interface IssueSummary {
  id: string;
  title: string;
}
interface IssueList {
  issues: IssueSummary[];
  nextCursor: string | null;
  facets: Record<string, { value: string; count: number }[]> | null;
}
/** Facet name in the API response -> query parameter of GET /api/issues (search-state.ts facetField). */
const FACET_PARAMS: Record<string, string> = {
  state: 'state',
  type: 'type',
  labels: 'label',
  repos: 'repo',
  issueType: 'issueType',
  difficulty: 'difficulty',
  concepts: 'concept',
};

/** A deterministic random source (Loupe's one seeded random), so two runs click the same way on the same data. */
export { seededRandom } from '../../src/core/learn/seeded-random.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface UiUserOptions {
  baseUrl: string;
  log: LatencyLog;
  random: () => number;
  /** The user stops after the visit in progress once this returns true. */
  done: () => boolean;
}

/**
 * Browses until `done()`: the issues page, a facet click, an issue, "load more", a search typed
 * word by word (each debounced prefix is a request, sent without waiting for the previous one, as
 * the browser does), and now and then the concepts, jobs and repositories pages.
 */
export async function browseLikeAUser(options: UiUserOptions): Promise<void> {
  const { baseUrl, log, random } = options;
  const get = <T>(route: string, path: string) => log.timedGet<T>(route, `${baseUrl}${path}`);
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  // A click every 0.3–1.2 s: a quick user who knows the UI.
  const think = () => sleep(300 + random() * 900);

  await get(UI_ROUTES.workspace, '/api/workspace');
  for (let visit = 0; !options.done(); visit++) {
    const list = await get<IssueList>(UI_ROUTES.list, `/api/issues?sort=updated&${PAGE}`);
    await think();
    const facet = pick(
      Object.entries(list?.facets ?? {}).filter(([name, values]) => FACET_PARAMS[name] && values.length > 0),
    );
    const filtered = facet
      ? await get<IssueList>(
          UI_ROUTES.list,
          `/api/issues?${FACET_PARAMS[facet[0]]}=${encodeURIComponent(pick(facet[1])!.value)}&sort=updated&${PAGE}`,
        )
      : null;
    await think();
    const opened = pick(filtered?.issues.length ? filtered.issues : (list?.issues ?? []));
    if (opened) await get(UI_ROUTES.issue, `/api/issues/${opened.id}`);
    await think();
    if (list?.nextCursor)
      await get(
        UI_ROUTES.list,
        `/api/issues?sort=updated&${PAGE}&cursor=${encodeURIComponent(list.nextCursor)}`,
      );
    await think();
    const typed = await typeSearch({ get, random }, searchText(list?.issues ?? [], random));
    const hit = pick(typed?.issues ?? []);
    await think();
    if (hit) await get(UI_ROUTES.issue, `/api/issues/${hit.id}`);
    await think();
    const page = visit % 3;
    await get(
      page === 0 ? UI_ROUTES.concepts : page === 1 ? UI_ROUTES.jobs : UI_ROUTES.repos,
      page === 0 ? '/api/concepts' : page === 1 ? '/api/jobs?limit=20' : '/api/repos',
    );
    await think();
  }
}

/**
 * Types `text` a key at a time, 80–260 ms apart; like search-box.tsx a request goes out
 * DEBOUNCE_MS after a key when no other key came in that time. Resolves with the last answer.
 */
async function typeSearch(
  deps: { get: <T>(route: string, path: string) => Promise<T | null>; random: () => number },
  text: string,
): Promise<IssueList | null> {
  const inFlight: Promise<IssueList | null>[] = [];
  for (let i = 1; i <= text.length; i++) {
    const gap = i === text.length ? Infinity : 80 + deps.random() * 180;
    const prefix = text.slice(0, i).trim();
    if (gap > DEBOUNCE_MS && prefix !== '') {
      await sleep(DEBOUNCE_MS);
      inFlight.push(
        deps.get<IssueList>(
          UI_ROUTES.typing,
          `/api/issues?q=${encodeURIComponent(prefix)}&sort=relevance&${PAGE}`,
        ),
      );
      if (gap !== Infinity) await sleep(gap - DEBOUNCE_MS);
    } else if (gap !== Infinity) await sleep(gap);
  }
  const answers = await Promise.all(inFlight);
  return answers.at(-1) ?? null;
}

/** One or two words of a listed title; one search in four has a typo (the did-you-mean and fuzzy paths). */
function searchText(issues: IssueSummary[], random: () => number): string {
  const words = issues.flatMap((issue) => issue.title.toLowerCase().match(/[a-z]{4,12}/g) ?? []);
  if (words.length === 0) return 'crash on startup';
  const first = words[Math.floor(random() * words.length)]!;
  const text = random() < 0.5 ? `${first} ${words[Math.floor(random() * words.length)]!}` : first;
  if (random() >= 0.25) return text;
  const at = 1 + Math.floor(random() * (first.length - 2));
  return `${text.slice(0, at)}${text[at + 1]}${text[at]}${text.slice(at + 2)}`;
}
