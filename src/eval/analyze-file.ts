/**
 * `loupe analyze`: Loupe's analyses for every issue of a plain file, one result per issue.
 *
 * Two passes over the file, so memory stays bounded by one record plus the corpus statistics:
 *  1. every issue (pull requests excepted) is indexed into a scratch Loupe store on disk, and the
 *     duplicate corpus statistics (document frequencies) are counted;
 *  2. the file is read again; each record is classified (shipped global model), rated for
 *     difficulty (shipped good-first-issue scorer, no repository history), tagged with concepts,
 *     and its duplicate candidates are retrieved from the store with Loupe's retrieval SQL and
 *     re-ranked by rankDuplicateCandidates. Candidates are other issues of the same repository
 *     (records without a repository share one), earlier or later.
 */
import { readCountedRecords } from './input-errors.ts';
import path from 'node:path';
import { classifyText, globalModel } from '../core/classify/index.ts';
import { tagConcepts } from '../core/concepts/index.ts';
import { scoreIssueDifficulty } from '../core/difficulty/index.ts';
import type { DifficultyLevel, RepoHistory } from '../core/difficulty/index.ts';
import { addToCorpusStats, rankDuplicateCandidates } from '../core/duplicates/index.ts';
import type { CorpusStats, DuplicateCandidateInput } from '../core/duplicates/index.ts';
import { readIssueRecords } from '../sources/files/index.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';
import { buildDuplicateCandidatesParams } from '../store/duplicate-candidates.sql.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';
import { createFingerprintCache, type FingerprintCache } from './fingerprint-cache.ts';
import { createGfiActivityIndex, type GfiActivityIndex } from './gfi-activity-index.ts';
import { toDifficultyInput } from './record-inputs.ts';
import { createIssueIndexWriter, openScratchStore, UNKNOWN_DATE, validDate } from './scratch-store.ts';
import type { IssueIndexWriter, ScratchStore } from './scratch-store.ts';

/** Duplicate candidates retrieved per issue before re-ranking. */
const RETRIEVE = 50;

/** One issue's analyses, as written to a JSON line. */
export interface IssueAnalysis {
  id: string;
  repo: string | null;
  /** 1-based line of the record in the file. */
  line: number;
  type: { label: string; probabilities: Record<string, number> };
  difficulty: { level: DifficultyLevel; gfiScore: number };
  concepts: { id: string; name: string; score: number }[];
  /** Most likely duplicates within the file, best first (file ids). */
  duplicates: { id: string; score: number }[];
}

export interface AnalyzeFileOptions {
  path: string;
  format?: IssueFileFormat | 'auto';
  skipBad?: boolean;
  onSkip?: (error: FileRecordError) => void;
  /** Duplicate candidates per issue (default 10). */
  duplicates?: number;
  /** Keep the scratch store in memory instead of a temporary directory (small files, tests). */
  inMemory?: boolean;
  /** Receives each result in file order; awaited, so a slow writer slows the reader. */
  onResult: (analysis: IssueAnalysis) => void | Promise<void>;
}

export interface AnalyzeFileSummary {
  issues: number;
  recordsSkipped: number;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Analyses every record of the file; results go to `onResult`, in file order. */
export async function analyzeFile(options: AnalyzeFileOptions): Promise<AnalyzeFileSummary> {
  const store = await openScratchStore({ onDisk: !options.inMemory });
  try {
    const fallbackRepo = path.basename(options.path);
    const writer = createIssueIndexWriter(store.db, { fallbackRepo });
    const indexed = await indexFile(options, writer);
    await writer.flush();
    const limit = options.duplicates ?? 10;
    let ordinal = 0;
    // Bad records were reported in pass 1; pass 2 skips the same ones silently.
    for await (const record of readIssueRecords(options.path, { format: options.format ?? 'auto', skipBad: options.skipBad ?? false })) {
      ordinal++;
      const repoId = writer.repoIdOf(record.repo);
      const duplicates = repoId === undefined ? [] : await duplicatesOf(store, { record, ordinal, repoId, indexed, limit });
      await options.onResult(analyseRecord(record, duplicates, indexed.gfiActivity.historyFor(record)));
    }
    return { issues: ordinal, recordsSkipped: indexed.recordsSkipped };
  } finally {
    await store.close();
  }
}

interface IndexedFile {
  stats: CorpusStats;
  /** File id per ordinal (index 0 unused). */
  fileIds: string[];
  recordsSkipped: number;
  fingerprints: FingerprintCache;
  gfiActivity: GfiActivityIndex;
}

async function indexFile(options: AnalyzeFileOptions, writer: IssueIndexWriter): Promise<IndexedFile> {
  const stats: CorpusStats = { documentCount: 0, documentFrequency: new Map() };
  const fileIds = [''];
  const gfiActivity = createGfiActivityIndex();
  const { records, skipped } = readCountedRecords(options.path, options);
  for await (const record of records) {
    const ordinal = fileIds.length;
    fileIds.push(record.id);
    gfiActivity.add(record);
    // Pull requests are never offered as duplicates of an issue; they still get their own line.
    if (record.isPullRequest) continue;
    await writer.add(record, ordinal);
    addToCorpusStats(stats, record);
  }
  return { stats, fileIds, recordsSkipped: skipped(), fingerprints: createFingerprintCache(), gfiActivity };
}

async function duplicatesOf(
  store: ScratchStore,
  at: { record: IssueRecord; ordinal: number; repoId: number; indexed: IndexedFile; limit: number },
): Promise<{ id: string; score: number }[]> {
  if (at.limit <= 0) return [];
  const { record, indexed } = at;
  const params = buildDuplicateCandidatesParams({ text: record, repoIds: [at.repoId], corpusStats: indexed.stats, limit: RETRIEVE });
  if (!params) return [];
  const rows = await createDuplicateRepository(store.db).candidates(params);
  const createdAt = validDate(record.createdAt);
  const candidates: DuplicateCandidateInput[] = rows
    .filter((row) => row.number !== at.ordinal)
    .map((row) => {
      const text = { title: row.title, body: row.body };
      const candidate: DuplicateCandidateInput = { id: String(row.number), text, fingerprint: indexed.fingerprints.get(row.number, text), retrievalScore: Number(row.rank) };
      if (createdAt && row.createdAt !== UNKNOWN_DATE) candidate.createdAt = row.createdAt;
      return candidate;
    });
  // Ranked by ordinal, so that two records sharing a file id stay apart; mapped back to file ids after.
  const ranked = rankDuplicateCandidates(
    { id: String(at.ordinal), text: record, ...(createdAt ? { createdAt } : {}) },
    candidates,
    { corpusStats: indexed.stats, limit: at.limit },
  );
  return ranked.map((c) => ({ id: indexed.fileIds[Number(c.id)] ?? c.id, score: round(c.score) }));
}

/**
 * Everything but duplicates, for one record (pure); `history` is its repository's good-first-issue
 * activity before it, as the file tells it (see gfi-activity-index.ts).
 */
export function analyseRecord(record: IssueRecord, duplicates: { id: string; score: number }[], history?: RepoHistory): IssueAnalysis {
  const type = classifyText(globalModel, record);
  const probabilities = Object.fromEntries(Object.entries(type.probabilities).map(([k, v]) => [k, round(v)]));
  const difficulty = scoreIssueDifficulty(toDifficultyInput(record), history);
  const concepts = tagConcepts({ title: record.title, body: record.body, labels: record.labels }).map((t) => ({ id: t.id, name: t.name, score: t.score }));
  return {
    id: record.id,
    repo: record.repo,
    line: record.line,
    type: { label: type.type, probabilities },
    difficulty: { level: difficulty.level, gfiScore: round(difficulty.gfiScore) },
    concepts,
    duplicates,
  };
}
