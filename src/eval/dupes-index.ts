/**
 * The indexing half of the duplicate evaluation: reads a reports file and a pairs file, stores every
 * report in a scratch Loupe store, and turns the pairs into queries (the later report of each pair
 * searches for the earlier one). Retrieval runs Loupe's DUPLICATE_CANDIDATES_SQL; the baseline is
 * plain PostgreSQL full-text search over the same `search_vector` column.
 *
 * Memory: only the reports named by a pair are kept in JS; the rest live in the store.
 */
import { addToCorpusStats, createAssociationLearner } from '../core/duplicates/index.ts';
import type { CorpusStats, DuplicateCandidateInput, TermAssociations } from '../core/duplicates/index.ts';
import { LoupeError } from '../core/errors.ts';
import { readDuplicatePairs, readIssueRecords } from '../sources/files/index.ts';
import type { FileRecordError, IssueFileFormat } from '../sources/files/index.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';
import { createDuplicateFinder, type DuplicateFinder } from '../services/duplicate-finder.ts';
import { createIssueIndexWriter, openScratchStore, validDate, type ScratchStore } from './scratch-store.ts';

/** Candidates handed to the re-ranker, and the most either method returns. */
export const RETRIEVE_LIMIT = 100;
/** By default every new issue with no known duplicate is a query too, up to this many. */
const MAX_SINGLES = 5000;

/** A report that takes part in at least one pair. */
export interface DupesReport {
  id: string;
  /** 1-based position in the reports file; the store's `number`. */
  ordinal: number;
  title: string;
  body: string;
  /** ISO-8601, or null when the file gives no (readable) date. */
  createdAt: string | null;
  resolution: string | null;
  /** The store's primary key (excluded from its own results). */
  internalId: number;
}

/** One query: `query` searches for `targetId`, its earlier partner. */
export interface DupesQuery {
  query: DupesReport;
  targetId: string;
  /** The partner's title ('' for a query with no partner): how re-worded the pair is. */
  partnerTitle?: string;
}

/** One indexed data set. */
export interface DupesCorpus {
  name: string;
  repoId: number;
  reportCount: number;
  /** Document frequencies of the indexed reports (no labels involved). */
  stats: CorpusStats;
  /** Term associations learned from the indexed reports' text (no labels involved), as the analysis job does. */
  associations: TermAssociations;
  /** Unique unordered pairs as queries, in a stable order (sorted by "idA|idB"). */
  queries: DupesQuery[];
  /**
   * Reports in no pair and not resolved as Duplicate, as queries with no partner (targetId ''): every
   * `singles.stride`-th report of the file, at most `singles.max`, for measuring how often a suggestion
   * is made where there is nothing to find.
   */
  singles: DupesQuery[];
  /** Pair rows naming a report that is not in the reports file, or a report paired with itself. */
  pairsSkipped: number;
  /** Malformed records skipped (reports and pairs) when skipBad is set. */
  recordsSkipped: number;
  /** File id of each ordinal (index 0 unused). */
  fileIds: string[];
  datesKnown: boolean;
  /** The analysis job's duplicate finder over this corpus (file ids as candidate ids). */
  finder: DuplicateFinder;
}

export interface LoadCorpusOptions {
  /** Names the corpus's repository in the store; distinct per corpus of one index. */
  name: string;
  reportsPath: string;
  pairsPath: string;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
  /** Which reports without a duplicate become queries (default every one, at most 5,000). */
  singles?: { stride: number; max: number };
}

/** A scratch store holding one or more corpora, with retrieval and the full-text baseline. */
export interface DupesIndex {
  loadCorpus(options: LoadCorpusOptions): Promise<DupesCorpus>;
  /** Loupe's first stage: up to `limit` candidates from DUPLICATE_CANDIDATES_SQL, best first. */
  retrieve(corpus: DupesCorpus, query: DupesQuery, limit?: number): Promise<DuplicateCandidateInput[]>;
  /** Plain full-text search: file ids, best first. */
  baseline(corpus: DupesCorpus, query: DupesQuery): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens an empty index (in memory unless `onDisk`). */
export async function openDupesIndex(options: { onDisk?: boolean } = {}): Promise<DupesIndex> {
  const store = await openScratchStore({ onDisk: options.onDisk ?? false });
  return {
    loadCorpus: (load) => loadCorpus(store, load),
    retrieve: (corpus, query, limit = RETRIEVE_LIMIT) => retrieve({ corpus, query, limit }),
    async baseline(corpus, query) {
      const numbers = await createDuplicateRepository(store.db).fullTextBaseline({
        repoId: corpus.repoId,
        excludeId: query.query.internalId,
        createdAtMost: corpus.datesKnown ? query.query.createdAt : null,
        titleWords: query.query.title.match(/[A-Za-z0-9]+/g) ?? [],
        limit: RETRIEVE_LIMIT,
      });
      return numbers.map((number) => corpus.fileIds[number] ?? '');
    },
    close: () => store.close(),
  };
}

async function loadCorpus(store: ScratchStore, options: LoadCorpusOptions): Promise<DupesCorpus> {
  let recordsSkipped = 0;
  const onSkip = (error: FileRecordError): void => {
    recordsSkipped++;
    options.onSkip?.(error);
  };
  const rawPairs: [string, string][] = [];
  for await (const pair of readDuplicatePairs(options.pairsPath, {
    skipBad: options.skipBad ?? false,
    onSkip,
  })) {
    rawPairs.push([pair.issueId, pair.duplicateId]);
  }
  const wanted = new Set(rawPairs.flat());
  const writer = createIssueIndexWriter(store.db, { fallbackRepo: options.name });
  const stats: CorpusStats = { documentCount: 0, documentFrequency: new Map() };
  const learner = createAssociationLearner();
  const kept = new Map<string, Omit<DupesReport, 'internalId'>>();
  const singles: Omit<DupesReport, 'internalId'>[] = [];
  const fileIds = [''];
  let datesKnown = true;
  const reports = readIssueRecords(options.reportsPath, {
    format: options.format ?? 'auto',
    skipBad: options.skipBad ?? false,
    onSkip,
  });
  for await (const record of reports) {
    const ordinal = fileIds.length;
    fileIds.push(record.id);
    // Every report of the corpus goes into one repository: the evaluation searches the whole file.
    await writer.add({ ...record, repo: null }, ordinal);
    addToCorpusStats(stats, record);
    learner.add(record);
    const createdAt = validDate(record.createdAt);
    if (createdAt === null) datesKnown = false;
    const report = {
      id: record.id,
      ordinal,
      title: record.title,
      body: record.body,
      createdAt,
      resolution: record.resolution ?? null,
    };
    if (wanted.has(record.id) && !kept.has(record.id)) kept.set(record.id, report);
    else if (
      !wanted.has(record.id) &&
      ordinal % (options.singles?.stride ?? 1) === 0 &&
      singles.length < (options.singles?.max ?? MAX_SINGLES) &&
      !/duplicate/i.test(report.resolution ?? '')
    )
      singles.push(report);
  }
  await writer.flush();
  const repoId = writer.repoIdOf(null);
  if (repoId === undefined)
    throw new LoupeError('INVALID_INPUT', `${options.reportsPath}: no reports to index`);
  const internal = await internalIds(
    store,
    repoId,
    [...kept.values(), ...singles].map((r) => r.ordinal),
  );
  const withIds = new Map(
    [...kept].map(([id, r]) => [id, { ...r, internalId: internal.get(r.ordinal) ?? 0 }]),
  );
  const { queries, pairsSkipped } = pairQueries(rawPairs, withIds, datesKnown);
  const associations = learner.finish();
  const singleQueries = singles.map((r) => ({
    query: { ...r, internalId: internal.get(r.ordinal) ?? 0 },
    targetId: '',
  }));
  return {
    name: options.name,
    repoId,
    reportCount: fileIds.length - 1,
    stats,
    associations,
    queries,
    singles: singleQueries,
    pairsSkipped,
    recordsSkipped,
    fileIds,
    datesKnown,
    finder: createDuplicateFinder(store.db, {
      corpusStats: stats,
      associations,
      retrieve: RETRIEVE_LIMIT,
      idOf: (row) => fileIds[row.number] ?? '',
      useDates: datesKnown,
    }),
  };
}

function internalIds(store: ScratchStore, repoId: number, ordinals: number[]): Promise<Map<number, number>> {
  return createDuplicateRepository(store.db).idsByNumber(repoId, ordinals);
}

/**
 * Unique unordered pairs (files list most links both ways) whose two reports are both present. The
 * later-created report is the query; on equal or unknown dates, the one resolved as Duplicate, else
 * the pair's first column.
 */
export function pairQueries(
  rawPairs: readonly [string, string][],
  reports: ReadonlyMap<string, DupesReport>,
  datesKnown: boolean,
): { queries: DupesQuery[]; pairsSkipped: number } {
  const keys = new Map<string, [string, string]>();
  let pairsSkipped = 0;
  for (const [a, b] of rawPairs) {
    if (a === b || !reports.has(a) || !reports.has(b)) {
      pairsSkipped++;
      continue;
    }
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (!keys.has(key)) keys.set(key, [a, b]);
  }
  const queries = [...keys.keys()].sort().map((key) => {
    const [a, b] = keys.get(key) as [string, string];
    const ra = reports.get(a) as DupesReport;
    const rb = reports.get(b) as DupesReport;
    return isLater(ra, rb, datesKnown)
      ? { query: ra, targetId: b, partnerTitle: rb.title }
      : { query: rb, targetId: a, partnerTitle: ra.title };
  });
  return { queries, pairsSkipped };
}

function isLater(a: DupesReport, b: DupesReport, datesKnown: boolean): boolean {
  if (datesKnown && a.createdAt !== null && b.createdAt !== null && a.createdAt !== b.createdAt)
    return a.createdAt > b.createdAt;
  const aDup = /duplicate/i.test(a.resolution ?? '');
  const bDup = /duplicate/i.test(b.resolution ?? '');
  return aDup || !bDup;
}

function retrieve(at: {
  corpus: DupesCorpus;
  query: DupesQuery;
  limit: number;
}): Promise<DuplicateCandidateInput[]> {
  const { corpus, query } = at;
  const q = query.query;
  // "Created no later than the query", as in the baseline: the SQL's bound is strict, so add 1 ms.
  const createdBefore =
    corpus.datesKnown && q.createdAt ? new Date(Date.parse(q.createdAt) + 1).toISOString() : null;
  return corpus.finder.retrieve(
    {
      id: q.id,
      text: q,
      createdAt: q.createdAt,
      issueId: q.internalId,
      repoIds: [corpus.repoId],
      createdBefore,
    },
    at.limit,
  );
}
