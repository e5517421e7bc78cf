import {
  createPreparedTextCache,
  judgeDuplicates,
  type CorpusStats,
  type DuplicateCandidateInput,
  type DuplicateJudgement,
  type RankingWeights,
  type SuggestionRule,
  type TermAssociations,
} from '../core/duplicates/index.ts';
import type { IssueText } from '../core/issue.ts';
import type { SqlClient } from '../store/db.ts';
import { buildDuplicateCandidatesParams } from '../store/duplicate-candidates.sql.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';

/** Candidates retrieved per issue before re-ranking (the analysis job's figure). */
export const DEFAULT_RETRIEVE = 50;

/** A stored row as retrieval returns it. */
export interface CandidateRow {
  id: number;
  repoId: number;
  number: number;
  title: string;
  body: string;
  createdAt: string;
  rank: number;
}

/** The issue whose duplicates are looked for, and where to look. */
export interface DuplicateSearch {
  /** The query's id in the ranking's id space (see `idOf`); never returned as its own candidate. */
  id: string;
  text: IssueText;
  /** When the query was created (time-proximity feature); omit when unknown. */
  createdAt?: string | null;
  /** Its store id, excluded from retrieval. */
  issueId?: number | null;
  repoIds?: readonly number[] | null;
  /** Only issues created strictly before this instant. */
  createdBefore?: string | null;
}

export interface DuplicateFinderOptions {
  /** Document frequencies of the searched collection (fixed while the finder is used). */
  corpusStats: CorpusStats;
  /** Term associations learned from the searched collection (learnTermAssociations). */
  associations?: TermAssociations;
  /** Issues in the searched scope, when corpusStats was built on a sample of it. */
  collectionSize?: number;
  /** Candidates retrieved before re-ranking (default DEFAULT_RETRIEVE). */
  retrieve?: number;
  /** Candidate id in the ranking (default: the store id); e.g. a file's own ids in `loupe eval`. */
  idOf?: (row: CandidateRow) => string;
  /** Keep candidates' creation dates (time-proximity feature; default true). */
  useDates?: boolean;
  /** Prepared candidate texts kept between queries (default 5,000). */
  cacheSize?: number;
}

/**
 * The one duplicate finder: retrieval SQL (buildDuplicateCandidatesParams) over the store, then
 * judgeDuplicates (re-ranking and the clear-winner rule). The analysis job, `loupe analyze`,
 * `loupe eval dupes` and bench:dupes use it, so what is measured is what users get.
 */
export function createDuplicateFinder(db: SqlClient, options: DuplicateFinderOptions) {
  const duplicates = createDuplicateRepository(db);
  const cache = createPreparedTextCache(options.cacheSize ?? 5000);
  const idOf = options.idOf ?? ((row: CandidateRow) => String(row.id));
  const useDates = options.useDates ?? true;

  async function retrieve(
    search: DuplicateSearch,
    limit = options.retrieve ?? DEFAULT_RETRIEVE,
  ): Promise<DuplicateCandidateInput[]> {
    const params = buildDuplicateCandidatesParams({
      text: search.text,
      issueId: search.issueId ?? null,
      repoIds: search.repoIds ?? null,
      createdBefore: search.createdBefore ?? null,
      corpusStats: options.corpusStats,
      ...(options.collectionSize ? { collectionSize: options.collectionSize } : {}),
      limit,
    });
    if (!params) return [];
    const rows = await duplicates.candidates(params);
    return rows.map((row) => {
      const text = { title: row.title, body: row.body };
      const candidate: DuplicateCandidateInput = {
        id: idOf(row),
        text,
        prepared: cache.get(row.id, text),
        retrievalScore: Number(row.rank),
      };
      if (useDates && search.createdAt) candidate.createdAt = row.createdAt;
      return candidate;
    });
  }

  function judge(
    search: Pick<DuplicateSearch, 'id' | 'text' | 'createdAt'>,
    candidates: DuplicateCandidateInput[],
    judging: { limit?: number; rule?: SuggestionRule; weights?: RankingWeights } = {},
  ): DuplicateJudgement {
    const query = {
      id: search.id,
      text: search.text,
      ...(useDates && search.createdAt ? { createdAt: search.createdAt } : {}),
    };
    return judgeDuplicates(query, candidates, {
      corpusStats: options.corpusStats,
      ...(options.associations ? { associations: options.associations } : {}),
      ...judging,
    });
  }

  return {
    retrieve,
    judge,
    /** Retrieve, re-rank and decide for one issue. */
    async find(
      search: DuplicateSearch,
      judging: { limit?: number; rule?: SuggestionRule } = {},
    ): Promise<DuplicateJudgement> {
      return judge(search, await retrieve(search), judging);
    },
  };
}

export type DuplicateFinder = ReturnType<typeof createDuplicateFinder>;
