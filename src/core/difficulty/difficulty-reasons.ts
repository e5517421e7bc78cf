/**
 * The difficulty reasons a person reads: what in the issue raised or lowered its score, strongest
 * first, then the repository's share in one line. Repository signals (recent good-first-issue
 * labelling, how fast it closes issues, outsiders' merges, backlog age) are the same for every issue
 * of a repository at one instant: they set its prior and never rank its issues, so they do not crowd
 * out the issue's own reasons. Pure.
 */
import type { DifficultyReason } from './difficulty.types.ts';

const REPOSITORY_SIGNAL =
  /^history\.(?:gfiLast90Days|gfiLast365Days|gfiShare365Days|daysSinceGfi)$|^repo\.(?:responsiveness|outsiderMerges|staleBacklog)$/;

/** True for a signal that is the same for every issue of the repository at one instant. */
export const isRepositorySignal = (signal: string): boolean => REPOSITORY_SIGNAL.test(signal);

const signed = (effect: number): string => `${effect >= 0 ? '+' : ''}${effect.toFixed(2)}`;

/**
 * Up to `max` lines: the issue's own reasons (as scored, strongest first), then, when the repository
 * signals add up to something, "the repository, for all its issues: <the two strongest of those
 * pushing the way their net effect goes> (net ±x)".
 */
export function describeDifficultyReasons(reasons: readonly DifficultyReason[], max = 6): string[] {
  const own = reasons.filter((r) => !isRepositorySignal(r.signal));
  const repository = reasons
    .filter((r) => isRepositorySignal(r.signal))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const net = repository.reduce((acc, r) => acc + r.effect, 0);
  // Name what pushed the way the net effect went, so the line reads as its own explanation.
  const named = repository.filter((r) => Math.sign(r.effect) === Math.sign(net));
  const repositoryLine =
    repository.length > 0 && Math.abs(net) >= 0.02
      ? `the repository, for all its issues: ${named
          .slice(0, 2)
          .map((r) => r.detail)
          .join('; ')} (${signed(net)})`
      : null;
  const room = repositoryLine ? max - 1 : max;
  return [
    ...own.slice(0, room).map((r) => `${r.detail} (${signed(r.effect)})`),
    ...(repositoryLine ? [repositoryLine] : []),
  ];
}
