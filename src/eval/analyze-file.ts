/**
 * `loupe analyze`: Loupe's analyses for every issue of a plain file, one result per issue.
 *
 * Two passes over the file, so memory stays bounded by one record plus the corpus statistics:
 *  1. every issue (pull requests excepted) is indexed into a scratch Loupe store on disk, and the
 *     duplicate corpus statistics (document frequencies) are counted;
 *  2. the file is read again; each record is classified, rated for difficulty and tagged with
 *     concepts with its repository's context, as the analysis job does (buildAnalysisContext over
 *     the file's labelled records and history; its reasons cite the most similar earlier labelled
 *     record by file id), and its duplicate candidates are retrieved from the store with Loupe's retrieval SQL and
 *     re-ranked by rankDuplicateCandidates. Candidates are other issues of the same repository
 *     (records without a repository share one), earlier or later.
 */
import path from 'node:path';
import { buildAnalysisContext } from '../core/analysis/analysis-context.ts';
import { analyzeIssue, type AnalysisContext } from '../core/analysis/analyze-issue.ts';
import { referenceOf, type LabelledIssue } from '../core/analysis/teaching-examples.ts';
import type { DifficultyLevel, PastIssue } from '../core/difficulty/index.ts';
import { addToCorpusStats, type CorpusStats } from '../core/duplicates/index.ts';
import { readIssueRecords } from '../sources/files/index.ts';
import type { FileRecordError, IssueFileFormat, IssueRecord } from '../sources/files/index.ts';
import { createDuplicateFinder, type DuplicateFinder } from '../services/duplicate-finder.ts';
import { readCountedRecords } from './input-errors.ts';
import { toDifficultyInput } from './record-inputs.ts';
import { createIssueIndexWriter, openScratchStore, UNKNOWN_DATE, validDate } from './scratch-store.ts';
import type { IssueIndexWriter } from './scratch-store.ts';

/** Duplicate candidates retrieved per issue before re-ranking. */
const RETRIEVE = 50;

/** One issue's analyses, as written to a JSON line. */
export interface IssueAnalysis {
  id: string;
  repo: string | null;
  /** 1-based line of the record in the file. */
  line: number;
  /** Reasons as the analysis job stores them; they cite labelled records by file id ("#12", "HADOOP-1234"). */
  type: { label: string; probabilities: Record<string, number>; reasons: string[] };
  difficulty: { level: DifficultyLevel; gfiScore: number; reasons: string[] };
  concepts: { id: string; name: string; score: number }[];
  /** Most likely duplicates within the file, best first (file ids). */
  duplicates: { id: string; score: number }[];
  /** The one the analysis job would suggest (clear-winner rule), or null. */
  duplicateOf: string | null;
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

/** The analysis job keeps at most this many labelled and past issues per repository (see analysis.repository.ts). */
const LABELLED_KEPT = 2000;
const PAST_KEPT = 5000;

/** Analyses every record of the file; results go to `onResult`, in file order. */
export async function analyzeFile(options: AnalyzeFileOptions): Promise<AnalyzeFileSummary> {
  const store = await openScratchStore({ onDisk: !options.inMemory });
  try {
    const fallbackRepo = path.basename(options.path);
    const writer = createIssueIndexWriter(store.db, { fallbackRepo });
    const indexed = await indexFile(options, writer);
    await writer.flush();
    const limit = options.duplicates ?? 10;
    // Candidates are ranked by ordinal (two records may share a file id) and mapped back after.
    const finder = createDuplicateFinder(store.db, {
      corpusStats: indexed.stats,
      retrieve: RETRIEVE,
      idOf: (row) => String(row.number),
    });
    const contexts = new Map<string, AnalysisContext>();
    let ordinal = 0;
    // Bad records were reported in pass 1; pass 2 skips the same ones silently.
    for await (const record of readIssueRecords(options.path, {
      format: options.format ?? 'auto',
      skipBad: options.skipBad ?? false,
    })) {
      ordinal++;
      const repoKey = record.repo ?? fallbackRepo;
      let context = contexts.get(repoKey);
      if (!context) {
        context = buildAnalysisContext(
          indexed.repositories.get(repoKey) ?? { labelledTexts: [], pastIssues: [] },
        );
        contexts.set(repoKey, context);
        indexed.repositories.delete(repoKey);
      }
      const repoId = writer.repoIdOf(record.repo);
      const found =
        repoId === undefined || limit <= 0
          ? { duplicates: [], duplicateOf: null }
          : await duplicatesOf(finder, { record, ordinal, repoId, indexed, limit });
      await options.onResult(analyseRecord(record, found, context));
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
  /** Each repository's data as the analysis job reads it from the store (bounded, newest kept). */
  repositories: Map<string, { labelledTexts: LabelledIssue[]; pastIssues: PastIssue[] }>;
}

async function indexFile(options: AnalyzeFileOptions, writer: IssueIndexWriter): Promise<IndexedFile> {
  const stats: CorpusStats = { documentCount: 0, documentFrequency: new Map() };
  const fileIds = [''];
  const repositories: IndexedFile['repositories'] = new Map();
  const fallbackRepo = path.basename(options.path);
  const { records, skipped } = readCountedRecords(options.path, options);
  for await (const record of records) {
    const ordinal = fileIds.length;
    fileIds.push(record.id);
    const key = record.repo ?? fallbackRepo;
    const data =
      repositories.get(key) ?? repositories.set(key, { labelledTexts: [], pastIssues: [] }).get(key)!;
    keepLast(data.pastIssues, toDifficultyInput({ ...record, body: record.body.slice(0, 2000) }), PAST_KEPT);
    // Pull requests are never offered as duplicates of an issue; they still get their own line.
    if (record.isPullRequest) continue;
    if (record.labels.length > 0)
      keepLast(
        data.labelledTexts,
        {
          title: record.title,
          body: record.body.slice(0, 4000),
          labels: record.labels,
          reference: referenceOf(record.id),
          createdAt: validDate(record.createdAt),
        },
        LABELLED_KEPT,
      );
    await writer.add(record, ordinal);
    addToCorpusStats(stats, record);
  }
  for (const data of repositories.values()) {
    // Newest first, as the store gives them.
    data.pastIssues.reverse();
    data.labelledTexts.reverse();
  }
  return { stats, fileIds, recordsSkipped: skipped(), repositories };
}

function keepLast<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max * 2) list.splice(0, list.length - max);
}

async function duplicatesOf(
  finder: DuplicateFinder,
  at: { record: IssueRecord; ordinal: number; repoId: number; indexed: IndexedFile; limit: number },
): Promise<{ duplicates: { id: string; score: number }[]; duplicateOf: string | null }> {
  const { record, indexed } = at;
  const createdAt = validDate(record.createdAt);
  const search = {
    id: String(at.ordinal),
    text: record,
    repoIds: [at.repoId],
    createdAt: createdAt && createdAt !== UNKNOWN_DATE ? createdAt : null,
  };
  const candidates = (await finder.retrieve(search)).filter((c) => c.id !== search.id);
  const { ranked, suggestion } = finder.judge(search, candidates, { limit: at.limit });
  const fileId = (ordinal: string): string => indexed.fileIds[Number(ordinal)] ?? ordinal;
  return {
    duplicates: ranked.map((c) => ({ id: fileId(c.id), score: round(c.score) })),
    duplicateOf: suggestion ? fileId(suggestion.id) : null,
  };
}

/**
 * Everything for one record (pure), by the analysis job's analyzeIssue with its repository's
 * context (buildAnalysisContext); a file states no comment bodies.
 */
export function analyseRecord(
  record: IssueRecord,
  found: { duplicates: { id: string; score: number }[]; duplicateOf: string | null },
  context: AnalysisContext,
): IssueAnalysis {
  const input = toDifficultyInput(record);
  const analysis = analyzeIssue(
    {
      title: record.title,
      body: record.body,
      labels: record.labels.map((name) => ({ name })),
      isPullRequest: record.isPullRequest ?? false,
      commentsCount: input.commentsCount ?? 0,
      reactionsCount: input.reactionsCount ?? 0,
      authorAssociation: input.authorAssociation ?? null,
      assignees: Array.from({ length: input.assigneesCount ?? 0 }, () => ''),
      milestone: input.milestone ?? null,
      createdAt: input.createdAt,
      state: input.state ?? 'open',
      reference: referenceOf(record.id),
    },
    [],
    context,
  );
  return {
    id: record.id,
    repo: record.repo,
    line: record.line,
    type: { label: analysis.type, probabilities: analysis.typeProbabilities, reasons: analysis.typeReasons },
    difficulty: {
      level: analysis.difficulty,
      gfiScore: analysis.gfiScore,
      reasons: analysis.difficultyReasons,
    },
    concepts: analysis.concepts.map((t) => ({ id: t.id, name: t.name, score: t.score })),
    ...found,
  };
}
