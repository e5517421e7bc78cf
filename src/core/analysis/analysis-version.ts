/**
 * Bumped whenever a model or rule that feeds an analysis changes: every stored analysis with another
 * version is redone by the (resumable) analysis job. Apart from analyze-issue.ts so that reading the
 * version (listing repositories) does not load the models.
 */
export const ANALYSIS_VERSION = '2026-12-06.5';
