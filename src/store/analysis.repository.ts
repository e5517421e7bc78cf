import type { IssueAnalysis } from '../core/analysis/analyze-issue.ts';
import type { PastIssue } from '../core/difficulty/index.ts';
import type { SqlClient } from './db.ts';
import { ISSUE_COLUMNS, type StoredIssue } from './issue.repository.ts';

export interface LlmTypeOpinion {
  type: string;
  confidence: number;
  rationale: string;
  provider: string;
  model: string;
}

export interface StoredAnalysis extends IssueAnalysis {
  issueId: number;
  version: string;
  analyzedAt: string;
  llm: LlmTypeOpinion | null;
  llmError: string | null;
}

/** A labelled issue as the analysis reads it. */
export interface LabelledIssueRow {
  number: number;
  title: string;
  body: string;
  labels: string[];
  createdAt: string;
}

const STALE = `(a.issue_id IS NULL OR a.version <> $2 OR a.issue_updated_at < i.updated_at)`;

/** Stored analyses: which issues need one, saving them, reading them back. */
export function createAnalysisRepository(db: SqlClient) {
  const repository = {
    /**
     * Issues of a repository whose analysis is missing, from an older version, or older than the issue,
     * in id order after `afterId`: a run pages through them by id instead of skipping again, on every
     * page, the rows it has just analysed (that made a run quadratic in the repository's size).
     */
    async pendingIssues(
      repoId: number,
      version: string,
      limit: number,
      afterId = 0,
    ): Promise<(StoredIssue & { comments: { body: string; authorAssociation: string | null }[] })[]> {
      const result = await db.query<
        StoredIssue & { comments: { body: string; authorAssociation: string | null }[] | null }
      >(
        `SELECT ${ISSUE_COLUMNS},
           (SELECT json_agg(json_build_object('body', left(c.body, 4000), 'authorAssociation', c.author_association) ORDER BY c.created_at)
              FROM issue_comments c WHERE c.repo_id = i.repo_id AND c.issue_number = i.number) AS comments
         FROM issues i JOIN repositories r ON r.id = i.repo_id LEFT JOIN issue_analysis a ON a.issue_id = i.id
         WHERE i.repo_id = $1 AND i.id > $4 AND ${STALE} ORDER BY i.id LIMIT $3`,
        [repoId, version, limit, afterId],
      );
      return result.rows.map((row) => ({ ...row, comments: row.comments ?? [] }));
    },

    async countPending(repoId: number, version: string): Promise<{ pending: number; total: number }> {
      const result = await db.query<{ pending: number; total: number }>(
        `SELECT count(*) FILTER (WHERE ${STALE})::int AS pending, count(*)::int AS total
         FROM issues i LEFT JOIN issue_analysis a ON a.issue_id = i.id WHERE i.repo_id = $1`,
        [repoId, version],
      );
      return result.rows[0] ?? { pending: 0, total: 0 };
    },

    async save(
      issue: { id: number; updatedAt: string },
      version: string,
      analysis: IssueAnalysis,
    ): Promise<void> {
      await repository.saveMany([{ issue, analysis }], version);
    },

    /** Saves (inserts or replaces) the analyses of several issues in one statement. */
    async saveMany(
      saved: readonly { issue: { id: number; updatedAt: string }; analysis: IssueAnalysis }[],
      version: string,
    ): Promise<void> {
      if (saved.length === 0) return;
      const rows = saved.map(({ issue, analysis }) => ({
        issue_id: issue.id,
        issue_updated_at: issue.updatedAt,
        type: analysis.type,
        type_confidence: analysis.typeConfidence,
        type_probabilities: analysis.typeProbabilities,
        type_reasons: analysis.typeReasons,
        difficulty: analysis.difficulty,
        gfi_score: analysis.gfiScore,
        difficulty_reasons: analysis.difficultyReasons,
        concept_ids: analysis.concepts.map((c) => c.id),
        concepts: analysis.concepts,
      }));
      await db.query(
        `INSERT INTO issue_analysis (issue_id, issue_updated_at, version, type, type_confidence, type_probabilities, type_reasons,
           difficulty, gfi_score, difficulty_reasons, concept_ids, concepts, analyzed_at)
         SELECT x.issue_id, x.issue_updated_at, $2, x.type, x.type_confidence, x.type_probabilities, x.type_reasons,
           x.difficulty, x.gfi_score, x.difficulty_reasons, ARRAY(SELECT jsonb_array_elements_text(x.concept_ids)),
           x.concepts, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(issue_id bigint, issue_updated_at timestamptz, type text,
           type_confidence real, type_probabilities jsonb, type_reasons jsonb, difficulty text, gfi_score real,
           difficulty_reasons jsonb, concept_ids jsonb, concepts jsonb)
         ON CONFLICT (issue_id) DO UPDATE SET issue_updated_at = EXCLUDED.issue_updated_at, version = EXCLUDED.version,
           type = EXCLUDED.type, type_confidence = EXCLUDED.type_confidence, type_probabilities = EXCLUDED.type_probabilities,
           type_reasons = EXCLUDED.type_reasons, difficulty = EXCLUDED.difficulty, gfi_score = EXCLUDED.gfi_score,
           difficulty_reasons = EXCLUDED.difficulty_reasons, concept_ids = EXCLUDED.concept_ids, concepts = EXCLUDED.concepts,
           analyzed_at = now()`,
        [JSON.stringify(rows), version],
      );
    },

    /** Stores (or clears) an LLM's opinion of the issue's type beside its analysis. */
    async saveLlmType(
      issueId: number,
      opinion: { llm: LlmTypeOpinion | null; llmError: string | null },
    ): Promise<void> {
      await db.query('UPDATE issue_analysis SET llm_type = $2, llm_error = $3 WHERE issue_id = $1', [
        issueId,
        opinion.llm ? JSON.stringify(opinion.llm) : null,
        opinion.llmError,
      ]);
    },

    async findByIssueIds(ids: number[]): Promise<Map<number, StoredAnalysis>> {
      if (ids.length === 0) return new Map();
      const result = await db.query<StoredAnalysis>(
        `SELECT issue_id AS "issueId", version, type, type_confidence AS "typeConfidence", type_probabilities AS "typeProbabilities",
           type_reasons AS "typeReasons", difficulty, gfi_score AS "gfiScore", difficulty_reasons AS "difficultyReasons",
           concepts, analyzed_at AS "analyzedAt", llm_type AS llm, llm_error AS "llmError"
         FROM issue_analysis WHERE issue_id = ANY($1::bigint[])`,
        [ids],
      );
      return new Map(result.rows.map((row) => [row.issueId, row]));
    },

    /**
     * Recent issues whose labels may say their type, for per-repository classifier adaptation; with
     * their number and creation date, so that a reason can cite one (core/analysis/teaching-examples.ts).
     */
    async labelledTexts(repoId: number, limit = 2000): Promise<LabelledIssueRow[]> {
      const result = await db.query<LabelledIssueRow>(
        `SELECT number, title, left(body, 4000) AS body, label_names AS labels, created_at AS "createdAt" FROM issues
         WHERE repo_id = $1 AND NOT is_pull_request AND cardinality(label_names) > 0 ORDER BY updated_at DESC LIMIT $2`,
        [repoId, limit],
      );
      return result.rows;
    },

    /** How the repository's past issues went, for the difficulty scorer's history signals. */
    async pastIssues(repoId: number, limit = 5000): Promise<PastIssue[]> {
      const result = await db.query<PastIssue>(
        `SELECT title, left(body, 2000) AS body, label_names AS labels, is_pull_request AS "isPullRequest",
           comments_count AS "commentsCount", reactions_count AS "reactionsCount", author_association AS "authorAssociation",
           cardinality(assignees) AS "assigneesCount", milestone, created_at AS "createdAt", state, closed_at AS "closedAt",
           merged_at AS "mergedAt"
         FROM issues WHERE repo_id = $1 ORDER BY updated_at DESC LIMIT $2`,
        [repoId, limit],
      );
      return result.rows;
    },
  };
  return repository;
}

export type AnalysisRepository = ReturnType<typeof createAnalysisRepository>;
