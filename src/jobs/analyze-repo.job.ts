import { z } from 'zod';
import { analyzeIssue, type AnalysisContext } from '../core/analysis/analyze-issue.ts';
import { classifyIssueWithFallback } from '../guidance/classify-with-llm.ts';
import type { LlmProvider } from '../guidance/providers/llm-provider.ts';
import { analysisVersionFor, loadEffectiveTaxonomy } from '../services/concepts.service.ts';
import { buildAnalysisContextSteps } from '../core/analysis/analysis-context.ts';
import { referenceOf } from '../core/analysis/teaching-examples.ts';
import type { LabelledText } from '../core/classify/index.ts';
import { tagRepository, type Taxonomy } from '../core/concepts/index.ts';
import {
  buildCorpusStatsSteps,
  DEFAULT_SUGGESTION_THRESHOLD,
  parseDuplicateReferences,
} from '../core/duplicates/index.ts';
import { createDuplicateFinder, type DuplicateFinder } from '../services/duplicate-finder.ts';
import { createAnalysisRepository } from '../store/analysis.repository.ts';
import type { Database } from '../store/db.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { DEFAULT_WORKSPACE_ID } from '../store/access.repository.ts';
import { createSyncStateRepository } from '../store/sync-state.repository.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import { runStepsCooperatively } from './cooperative-steps.ts';
import { defineJob } from './job-definition.ts';
import { runRepoDetection } from './judge-implemented.ts';
import { isRepoRemoved } from './repo-removed.ts';

const BATCH_SIZE = 50;
/**
 * Analyses saved per transaction. On PGlite a transaction holds the one connection and this thread
 * until it commits, so requests wait for it: ten issues' writes take a few ms, fifty took 100–300.
 */
const WRITE_CHUNK = 10;
const MAX_SUGGESTIONS = 3;
const CORPUS_SAMPLE = 5000;
/** Issues whose duplicate retrieval runs side by side on PostgreSQL (a pool of 10 connections). */
const RETRIEVAL_CONCURRENCY = 4;

export interface AnalysisProgress {
  repoId: number;
  analyzed: number;
  pending: number;
  total: number;
}

/**
 * Analyses every issue of a repository whose analysis is missing or stale (the issue changed, or
 * ANALYSIS_VERSION moved on): type, difficulty, concepts and duplicate candidates. State lives in the
 * issue_analysis table, so the job is resumable: a crash loses at most the batch in flight.
 */
export async function runRepoAnalysis(
  deps: {
    db: Database;
    onProgress?: (p: AnalysisProgress) => void;
    signal?: AbortSignal;
    llm?: LlmProvider | null;
  },
  repoId: number,
): Promise<AnalysisProgress> {
  const analyses = createAnalysisRepository(deps.db);
  const duplicates = createDuplicateRepository(deps.db);
  const repos = createRepoRepository(deps.db);
  const repo = await repos.findById(repoId);
  // A workspace's own concepts are part of what an analysis depends on: their revision is in the version.
  const concepts = await loadEffectiveTaxonomy(deps.db, repo?.workspaceId ?? DEFAULT_WORKSPACE_ID);
  const version = analysisVersionFor(concepts.revision);
  if (repo) await tagRepositoryConcepts(deps.db, repo, concepts.taxonomy);
  const { total, pending: initiallyPending } = await analyses.countPending(repoId, version);
  let pending = initiallyPending;
  const progress: AnalysisProgress = { repoId, analyzed: 0, pending, total };
  if (pending === 0) return progress;
  // A repository's context (its labelled history, its data clock) is read once per run: during its
  // first sync that would be a partial history, and issues analysed against it are not redone. The
  // sync's `sync.finished` event queues this job again once the history is there.
  if (await createSyncStateRepository(deps.db).firstSyncInProgress(repoId)) return progress;

  const { examples, ...built } = await buildContext(deps.db, repoId, repo?.language ?? null);
  const context = { ...built, taxonomy: concepts.taxonomy };
  const fewShot = pickPerType(examples, 2);
  const sample = await duplicates.corpusSample(CORPUS_SAMPLE);
  const rejections = await duplicates.rejectionStats();
  // Learned from maintainers: suggestions scoring at or below the lowest rejected score are withheld.
  const threshold = Math.max(
    DEFAULT_SUGGESTION_THRESHOLD,
    rejections.rejected >= 3 && rejections.minRejectedScore !== null ? rejections.minRejectedScore : 0,
  );

  // The CPU-heavy preparation (classifier adaptation, corpus statistics) pauses for the event loop
  // every few ms: with PGlite the job shares its thread with the HTTP server.
  const corpusStats = await runStepsCooperatively(buildCorpusStatsSteps(sample.texts));
  const finder = createDuplicateFinder(deps.db, { corpusStats, collectionSize: sample.total });
  // Duplicates are looked for in the repository's own workspace only: nothing of another tenant is suggested.
  const scope = repo ? (await repos.list(repo.workspaceId)).map((r) => r.id) : [repoId];

  // On PostgreSQL the retrieval queries of a few issues run side by side (the server works while this
  // process ranks); PGlite runs one statement at a time in this thread, and LLM calls stay one at a time.
  const concurrency = deps.db.engine === 'postgres' && !deps.llm ? RETRIEVAL_CONCURRENCY : 1;
  let after = 0;
  // Stopping between issues is always safe: what is done is saved, the rest stays pending.
  while (!deps.signal?.aborted) {
    const batch = await analyses.pendingIssues(repoId, version, BATCH_SIZE, after);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const referenced = await referencedIssueIds(deps.db, batch);
    // Reads and the optional LLM call happen outside any transaction (never hold one across a
    // network call); the batch's writes then go in short transactions of WRITE_CHUNK issues.
    const results = await mapInOrder(batch, concurrency, async (issue): Promise<AnalysedIssue | null> => {
      if (deps.signal?.aborted) return null;
      const analysis = analyzeIssue(
        { ...issue, reference: referenceOf(issue.number) },
        issue.comments,
        context,
      );
      // The offline type stays the stored type, and an LLM failure never fails the job.
      const verdict = deps.llm
        ? await classifyIssueWithFallback({
            provider: deps.llm,
            offline: () => ({ type: analysis.type, probabilities: analysis.typeProbabilities, reasons: [] }),
            issue: { title: issue.title, body: issue.body, labels: issue.labels.map((l) => l.name) },
            ...(fewShot.length > 0 ? { examples: fewShot } : {}),
            ...(deps.signal ? { signal: deps.signal } : {}),
          })
        : null;
      const duplicates = await findDuplicates(issue, { finder, threshold, scope, referenced });
      return { issue, analysis, verdict, duplicates };
    });
    const done = results.filter((r): r is AnalysedIssue => r !== null);
    for (let i = 0; i < done.length; i += WRITE_CHUNK)
      await saveAnalyses(deps.db, done.slice(i, i + WRITE_CHUNK), { repoId, version });
    progress.analyzed += done.length;
    pending = Math.max(0, pending - batch.length);
    progress.pending = pending;
    deps.onProgress?.({ ...progress });
  }
  if (!deps.signal?.aborted) progress.pending = 0;
  return progress;
}

/** Saves analyses, their duplicate links and their events in one transaction. */
async function saveAnalyses(
  db: Database,
  results: AnalysedIssue[],
  of: { repoId: number; version: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    // Multi-row statements: a few per chunk instead of a few per issue.
    await createAnalysisRepository(tx).saveMany(results, of.version);
    for (const { issue, verdict } of results)
      if (verdict)
        await createAnalysisRepository(tx).saveLlmType(issue.id, {
          llm: verdict.llm ?? null,
          llmError: verdict.llmError ?? null,
        });
    await recordDuplicates(tx, results);
    // One statement for the events, in the same transaction.
    await createEventRepository(tx).append(
      results.map(({ issue }) => ({
        type: 'analysis.updated' as const,
        repoId: of.repoId,
        payload: { key: `#${issue.number}`, number: issue.number, issueId: issue.id, version: of.version },
      })),
    );
  });
}

type PendingIssue = Awaited<ReturnType<ReturnType<typeof createAnalysisRepository>['pendingIssues']>>[number];

interface AnalysedIssue {
  issue: PendingIssue;
  analysis: ReturnType<typeof analyzeIssue>;
  verdict: Awaited<ReturnType<typeof classifyIssueWithFallback>> | null;
  duplicates: IssueDuplicates;
}

/** The `analyze-repo` job: analyses what changed in one repository. Stately per repository, like syncs. */
export const analyzeRepoJob = defineJob({
  name: 'analyze-repo',
  payload: z.object({ repoId: z.number().int().positive() }),
  singletonKey: ({ repoId }) => String(repoId),
  policy: 'stately',
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  expireInSeconds: 6 * 3600,
  concurrency: 1,
  async handler({ repoId }, context) {
    const removed = () =>
      context.log(`repository ${repoId} was removed; its analysis ends without writing anything`);
    if (await isRepoRemoved(context.db, repoId)) return removed();
    let result: AnalysisProgress;
    try {
      result = await runRepoAnalysis(
        { db: context.db, llm: context.llm, ...(context.signal ? { signal: context.signal } : {}) },
        repoId,
      );
      // "Already implemented?" for repositories with a clone (`loupe repo clone`); none: one query.
      const detection = await runRepoDetection(
        { db: context.db, ...(context.signal ? { signal: context.signal } : {}) },
        repoId,
      );
      if (detection.judged > 0)
        context.log(`judged ${detection.judged} issues of repository ${repoId} at its clone's head`);
    } catch (error) {
      if (!(await isRepoRemoved(context.db, repoId))) throw error;
      return removed();
    }
    if (result.analyzed > 0) context.log(`analysed ${result.analyzed} issues of repository ${repoId}`);
  },
});

/**
 * The repository's own concepts, from its language, topics and description. Cheap, so it is redone on
 * every run: a sync that changed the metadata, or a new taxonomy, both end in a run of this job.
 */
async function tagRepositoryConcepts(db: Database, repo: RepoRecord, taxonomy: Taxonomy): Promise<void> {
  const tags = tagRepository(
    { languages: repo.language ? [repo.language] : [], topics: repo.topics, description: repo.description },
    taxonomy,
  );
  await createRepoRepository(db).saveConcepts(repo.id, tags);
}

/** A few labelled examples per type, in store order (deterministic), for the LLM's few-shot prompt. */
function pickPerType(
  examples: LabelledText[],
  perType: number,
): { title: string; body: string; type: string }[] {
  const taken = new Map<string, number>();
  const picked: { title: string; body: string; type: string }[] = [];
  for (const e of examples) {
    const n = taken.get(e.label) ?? 0;
    if (n >= perType) continue;
    taken.set(e.label, n + 1);
    picked.push({ title: e.text.title, body: e.text.body.slice(0, 1500), type: e.label });
  }
  return picked;
}

async function buildContext(
  db: Database,
  repoId: number,
  language: string | null,
): Promise<AnalysisContext & { examples: LabelledText[] }> {
  const analyses = createAnalysisRepository(db);
  const data = {
    labelledTexts: (await analyses.labelledTexts(repoId)).map((row) => ({
      ...row,
      reference: referenceOf(row.number),
    })),
    pastIssues: await analyses.pastIssues(repoId),
    language,
  };
  return runStepsCooperatively(buildAnalysisContextSteps(data));
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** What the source says (confirmed links) and the detector's suggestion among earlier issues. */
interface IssueDuplicates {
  confirmed: { otherId: number; origin: 'state-reason' | 'reference'; evidence: string }[];
  suggestions: { otherId: number; score: number; evidence: string[] }[];
}

/**
 * Store ids of the issues that the batch's bodies and comments call theirs a duplicate of
 * ("Duplicate of #N" in the same repository), by number: one query per batch.
 */
async function referencedIssueIds(db: Database, batch: PendingIssue[]): Promise<Map<number, number>> {
  const numbers = new Set<number>();
  for (const issue of batch) for (const ref of sameRepoReferences(issue)) numbers.add(ref);
  if (numbers.size === 0) return new Map();
  return createDuplicateRepository(db).idsByNumber(batch[0]!.repoId, [...numbers]);
}

/** The issue numbers an issue's body and comments call it a duplicate of, in its own repository, in order. */
function sameRepoReferences(issue: PendingIssue): number[] {
  const numbers: number[] = [];
  for (const text of [issue.body, ...issue.comments.map((c) => c.body)])
    for (const ref of parseDuplicateReferences(text))
      if (ref.number !== undefined && (!ref.repo || ref.repo.toLowerCase() === issue.repo.toLowerCase()))
        numbers.push(ref.number);
  return numbers;
}

async function findDuplicates(
  issue: PendingIssue,
  options: {
    finder: DuplicateFinder;
    threshold: number;
    scope: readonly number[];
    referenced: ReadonlyMap<number, number>;
  },
): Promise<IssueDuplicates> {
  const confirmed: IssueDuplicates['confirmed'] = [];
  for (const number of sameRepoReferences(issue)) {
    const targetId = options.referenced.get(number);
    if (targetId !== undefined && targetId !== issue.id && !confirmed.some((c) => c.otherId === targetId)) {
      const origin = issue.stateReason === 'duplicate' ? 'state-reason' : 'reference';
      confirmed.push({ otherId: targetId, origin, evidence: `says "duplicate of #${number}"` });
    }
  }
  const { suggestion } = await options.finder.find(
    {
      id: String(issue.id),
      text: { title: issue.title, body: issue.body },
      createdAt: issue.createdAt,
      issueId: issue.id,
      createdBefore: issue.createdAt,
      repoIds: options.scope,
    },
    { limit: MAX_SUGGESTIONS, rule: { threshold: options.threshold } },
  );
  const suggestions =
    suggestion && !confirmed.some((c) => c.otherId === Number(suggestion.id))
      ? [
          {
            otherId: Number(suggestion.id),
            score: suggestion.score,
            evidence: suggestion.evidence.map((e) => e.detail),
          },
        ]
      : [];
  return { confirmed, suggestions };
}

/** Confirmed links one by one (rare), then every suggestion of the chunk in two statements. */
async function recordDuplicates(tx: Tx, results: readonly AnalysedIssue[]): Promise<void> {
  const duplicates = createDuplicateRepository(tx);
  for (const { issue, duplicates: found } of results)
    for (const c of found.confirmed)
      await duplicates.confirmFromSource(issue.id, c.otherId, c.origin, c.evidence);
  await duplicates.suggestMany(
    results.map(({ issue, duplicates: found }) => ({ issueId: issue.id, suggestions: found.suggestions })),
  );
}

/** fn over items with at most `concurrency` calls in flight; results in the items' order. */
async function mapInOrder<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
