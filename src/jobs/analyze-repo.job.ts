import { z } from 'zod';
import { analyzeIssue, type AnalysisContext } from '../core/analysis/analyze-issue.ts';
import { classifyIssueWithFallback } from '../guidance/classify-with-llm.ts';
import type { LlmProvider } from '../guidance/providers/llm-provider.ts';
import { analysisVersionFor, loadEffectiveTaxonomy } from '../services/concepts.service.ts';
import { adaptToRepository, globalModel, typeFromLabels, type LabelledText } from '../core/classify/index.ts';
import { tagRepository, type Taxonomy } from '../core/concepts/index.ts';
import { historyAsOf, summariseRepoHistory } from '../core/difficulty/index.ts';
import { buildCorpusStats, DEFAULT_SUGGESTION_THRESHOLD, parseDuplicateReferences, pickClearWinner, rankDuplicateCandidates, type CorpusStats } from '../core/duplicates/index.ts';
import { createAnalysisRepository } from '../store/analysis.repository.ts';
import type { Database } from '../store/db.ts';
import { buildDuplicateCandidatesParams } from '../store/duplicate-candidates.sql.ts';
import { createDuplicateRepository } from '../store/duplicate.repository.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository, type StoredIssue } from '../store/issue.repository.ts';
import { createRepoRepository, type RepoRecord } from '../store/repo.repository.ts';
import { defineJob } from './job-definition.ts';

/** Repositories need this many issues labelled with a type, of two types at least, to adapt the classifier. */
const MIN_ADAPTATION_EXAMPLES = 30;
const BATCH_SIZE = 50;
const MAX_SUGGESTIONS = 3;
const CORPUS_SAMPLE = 5000;

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
  deps: { db: Database; onProgress?: (p: AnalysisProgress) => void; signal?: AbortSignal; llm?: LlmProvider | null },
  repoId: number,
): Promise<AnalysisProgress> {
  const analyses = createAnalysisRepository(deps.db);
  const duplicates = createDuplicateRepository(deps.db);
  // A workspace's own concepts are part of what an analysis depends on: their revision is in the version.
  const concepts = await loadEffectiveTaxonomy(deps.db);
  const version = analysisVersionFor(concepts.revision);
  const repo = await createRepoRepository(deps.db).findById(repoId);
  if (repo) await tagRepositoryConcepts(deps.db, repo, concepts.taxonomy);
  const { total, pending: initiallyPending } = await analyses.countPending(repoId, version);
  let pending = initiallyPending;
  const progress: AnalysisProgress = { repoId, analyzed: 0, pending, total };
  if (pending === 0) return progress;

  const { examples, ...built } = await buildContext(deps.db, repoId, repo?.language ?? null);
  const context = { ...built, taxonomy: concepts.taxonomy };
  const fewShot = pickPerType(examples, 2);
  const sample = await duplicates.corpusSample(CORPUS_SAMPLE);
  const corpusStats = buildCorpusStats(sample.texts);
  const rejections = await duplicates.rejectionStats();
  // Learned from maintainers: suggestions scoring at or below the lowest rejected score are withheld.
  const threshold = Math.max(DEFAULT_SUGGESTION_THRESHOLD, rejections.rejected >= 3 && rejections.minRejectedScore !== null ? rejections.minRejectedScore : 0);

  // Stopping between issues is always safe: what is done is saved, the rest stays pending.
  while (!deps.signal?.aborted) {
    const batch = await analyses.pendingIssues(repoId, version, BATCH_SIZE);
    if (batch.length === 0) break;
    for (const issue of batch) {
      if (deps.signal?.aborted) break;
      const analysis = analyzeIssue(issue, issue.comments, context);
      // Optional second opinion, asked outside the transaction (never hold one across a network call);
      // the offline type stays the stored type, and an LLM failure never fails the job.
      const verdict = deps.llm
        ? await classifyIssueWithFallback({
            provider: deps.llm,
            offline: () => ({ type: analysis.type, probabilities: analysis.typeProbabilities, reasons: [] }),
            issue: { title: issue.title, body: issue.body, labels: issue.labels.map((l) => l.name) },
            ...(fewShot.length > 0 ? { examples: fewShot } : {}),
            ...(deps.signal ? { signal: deps.signal } : {}),
          })
        : null;
      await deps.db.transaction(async (tx) => {
        await createAnalysisRepository(tx).save(issue, version, analysis);
        if (verdict) await createAnalysisRepository(tx).saveLlmType(issue.id, { llm: verdict.llm ?? null, llmError: verdict.llmError ?? null });
        await recordDuplicates(tx, issue, { corpusStats, collectionSize: sample.total, threshold });
        await createEventRepository(tx).append([{ type: 'analysis.updated', repoId, payload: { key: `#${issue.number}`, number: issue.number, issueId: issue.id, version } }]);
      });
      progress.analyzed++;
    }
    pending = Math.max(0, pending - batch.length);
    progress.pending = pending;
    deps.onProgress?.({ ...progress });
  }
  if (!deps.signal?.aborted) progress.pending = 0;
  return progress;
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
    const result = await runRepoAnalysis({ db: context.db, llm: context.llm, ...(context.signal ? { signal: context.signal } : {}) }, repoId);
    if (result.analyzed > 0) context.log(`analysed ${result.analyzed} issues of repository ${repoId}`);
  },
});

/**
 * The repository's own concepts, from its language, topics and description. Cheap, so it is redone on
 * every run: a sync that changed the metadata, or a new taxonomy, both end in a run of this job.
 */
async function tagRepositoryConcepts(db: Database, repo: RepoRecord, taxonomy: Taxonomy): Promise<void> {
  const tags = tagRepository({ languages: repo.language ? [repo.language] : [], topics: repo.topics, description: repo.description }, taxonomy);
  await createRepoRepository(db).saveConcepts(repo.id, tags);
}

/** A few labelled examples per type, in store order (deterministic), for the LLM's few-shot prompt. */
function pickPerType(examples: LabelledText[], perType: number): { title: string; body: string; type: string }[] {
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

async function buildContext(db: Database, repoId: number, language: string | null): Promise<AnalysisContext & { examples: LabelledText[] }> {
  const analyses = createAnalysisRepository(db);
  const examples: LabelledText[] = [];
  for (const text of await analyses.labelledTexts(repoId)) {
    const label = typeFromLabels(text.labels);
    if (label) examples.push({ text: { title: text.title, body: text.body }, label });
  }
  const classes = new Set(examples.map((e) => e.label));
  const classifier = examples.length >= MIN_ADAPTATION_EXAMPLES && classes.size >= 2 ? adaptToRepository(globalModel, examples) : globalModel;
  // Taken as for an issue opened now, as the model was trained (see historyAsOf).
  const history = summariseRepoHistory(await analyses.pastIssues(repoId), { asOf: historyAsOf(new Date().toISOString()) });
  return { classifier, history, examples, ...(language ? { repoLanguages: [language] } : {}) };
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Confirmed links from what the source says, then the detector's suggestions among earlier issues. */
async function recordDuplicates(tx: Tx, issue: StoredIssue & { comments: { body: string }[] }, options: { corpusStats: CorpusStats; collectionSize: number; threshold: number }): Promise<void> {
  const duplicates = createDuplicateRepository(tx);
  const issues = createIssueRepository(tx);
  const referenced = new Set<number>();
  for (const text of [issue.body, ...issue.comments.map((c) => c.body)]) {
    for (const ref of parseDuplicateReferences(text)) {
      if (ref.number === undefined || (ref.repo && ref.repo.toLowerCase() !== issue.repo.toLowerCase())) continue;
      const target = await issues.findByNumber(issue.repoId, ref.number);
      if (target && target.id !== issue.id && !referenced.has(target.id)) {
        referenced.add(target.id);
        const origin = issue.stateReason === 'duplicate' ? 'state-reason' : 'reference';
        await duplicates.confirmFromSource(issue.id, target.id, origin, `says "duplicate of #${ref.number}"`);
      }
    }
  }
  const params = buildDuplicateCandidatesParams({
    text: { title: issue.title, body: issue.body },
    issueId: issue.id,
    createdBefore: issue.createdAt,
    corpusStats: options.corpusStats,
    collectionSize: options.collectionSize,
    limit: 50,
  });
  if (!params) return;
  const candidates = await duplicates.candidates(params);
  const ranked = rankDuplicateCandidates(
    { id: String(issue.id), text: { title: issue.title, body: issue.body }, createdAt: issue.createdAt },
    candidates.map((c) => ({ id: String(c.id), text: { title: c.title, body: c.body }, retrievalScore: c.rank, createdAt: c.createdAt })),
    { limit: MAX_SUGGESTIONS, corpusStats: options.corpusStats },
  );
  const best = pickClearWinner(ranked, { threshold: options.threshold });
  const suggestions = best && !referenced.has(Number(best.id)) ? [{ otherId: Number(best.id), score: best.score, evidence: best.evidence.map((e) => e.detail) }] : [];
  await duplicates.suggest(issue.id, suggestions);
}

