/**
 * Choosing a spelling fix for a typed word among candidate words of the title lexicon. Trigram
 * similarity finds most candidates, but not swapped letters in short words ("memroy" shares 3 of 11
 * trigrams with "memory", under pg_trgm's 0.3 threshold): `nearMisses` lists the words one swap or
 * one dropped letter away, which the store looks up exactly, and `closestWord` ranks every candidate
 * by Damerau–Levenshtein distance.
 */

/**
 * Edit distance where swapping two adjacent letters is one edit (optimal string alignment): "laek" is
 * 1 from "leak", where plain Levenshtein says 2.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = Array.from({ length: rows * cols }, () => 0);
  const at = (i: number, j: number) => d[i * cols + j]!;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The distinct words one adjacent swap or one dropped letter away from `word` (not `word` itself). */
export function nearMisses(word: string): string[] {
  const misses = new Set<string>();
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] !== word[i + 1]) misses.add(word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2));
  }
  if (word.length > 3) for (let i = 0; i < word.length; i++) misses.add(word.slice(0, i) + word.slice(i + 1));
  misses.delete(word);
  return [...misses];
}

/** A lexicon word offered as a fix, with the number of titles holding it. */
export interface FixCandidate {
  word: string;
  ndoc: number;
}

/**
 * The candidate closest to `word`: fewest edits, then most titles, then alphabetical. Null when none is
 * within `maxEdits` (default: 1 for words up to 4 letters, 2 for longer, 3 from 9), so a short word
 * is not "fixed" into an unrelated one.
 */
export function closestWord(
  word: string,
  candidates: readonly FixCandidate[],
  maxEdits = word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3,
): string | null {
  let best: { word: string; distance: number; ndoc: number } | null = null;
  for (const candidate of candidates) {
    if (candidate.word === word) continue;
    const distance = damerauLevenshtein(word, candidate.word);
    if (distance > maxEdits) continue;
    if (
      !best ||
      distance < best.distance ||
      (distance === best.distance &&
        (candidate.ndoc > best.ndoc || (candidate.ndoc === best.ndoc && candidate.word < best.word)))
    )
      best = { word: candidate.word, distance, ndoc: candidate.ndoc };
  }
  return best?.word ?? null;
}
