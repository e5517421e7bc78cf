import type { ImplementedVerdict } from '../../store/implemented-verdict.repository.ts';

const MAX_EVIDENCE = 20;

/** The stored verdict as the API shows it (routes/issues/implemented.schema.ts); null: not judged. */
export function presentImplementedVerdict(verdict: ImplementedVerdict | null) {
  if (!verdict) return null;
  return {
    confidence: verdict.confidence,
    threshold: verdict.threshold,
    implemented: verdict.confidence >= verdict.threshold,
    status: verdict.status,
    commit: verdict.commit,
    detectedAt: verdict.detectedAt,
    evidence: verdict.evidence.slice(0, MAX_EVIDENCE).map((e) => ({
      kind: e.kind,
      weight: e.weight,
      timing: e.timing,
      summary: e.summary,
      commit: e.commit ?? null,
      path: e.path ?? null,
      pullRequest: e.pullRequest ?? null,
      terms: e.terms,
    })),
    evidenceCount: verdict.evidence.length,
  };
}
