/**
 * Builds a short snippet around the first place a text mentions the query's words, with each matching
 * word wrapped in markers. Done here rather than with Postgres ts_headline, which re-parses every
 * page row's text and cost ~1.5 ms a row on PGlite: a quarter of the whole search budget.
 *
 * `lexemes` are Postgres' stemmed query words (from querytree()); a text word matches when it starts
 * with the lexeme's stem, so "perform" marks "performance" and "performing". Pure.
 */
export function highlightSnippet(
  text: string,
  lexemes: readonly string[],
  options: { start: string; end: string; maxChars?: number },
): string | null {
  const stems = [...new Set(lexemes.map(toStem).filter((s) => s.length > 0))];
  if (stems.length === 0 || text.length === 0) return null;
  const maxChars = options.maxChars ?? 220;
  const words = [...text.matchAll(/[\p{L}\p{N}_][\p{L}\p{N}_'-]*/gu)];
  const isMatch = (word: string) => {
    const lower = word.toLowerCase();
    return stems.some((stem) => lower.startsWith(stem));
  };
  const first = words.find((w) => isMatch(w[0]));
  if (!first || first.index === undefined) return null;
  // Start a little before the first hit, at a word boundary, so the hit has context.
  let from = Math.max(0, first.index - Math.floor(maxChars / 4));
  if (from > 0) {
    const boundary = text.lastIndexOf(' ', from);
    from = boundary > 0 && first.index - boundary < maxChars / 2 ? boundary + 1 : from;
  }
  let to = Math.min(text.length, from + maxChars);
  if (to < text.length) {
    const boundary = text.lastIndexOf(' ', to);
    if (boundary > first.index) to = boundary;
  }
  let out = from > 0 ? '… ' : '';
  let cursor = from;
  for (const word of words) {
    const at = word.index ?? 0;
    if (at < from || at + word[0].length > to) continue;
    if (!isMatch(word[0])) continue;
    out += text.slice(cursor, at) + options.start + word[0] + options.end;
    cursor = at + word[0].length;
  }
  out += text.slice(cursor, to) + (to < text.length ? ' …' : '');
  return out.replace(/\s+/g, ' ').trim();
}

/** The stem a lexeme stands for: the english stemmer's y→i and silent e are dropped so "happi" finds "happy". */
function toStem(lexeme: string): string {
  const lower = lexeme.toLowerCase();
  return lower.length > 4 && /[ie]$/.test(lower) ? lower.slice(0, -1) : lower;
}

/** The positive lexemes of a Postgres querytree() text, e.g. "'perform' & !'crash'" → ["perform"]. */
export function lexemesFromQueryTree(tree: string | null): string[] {
  if (!tree || tree === 'T') return [];
  const lexemes: string[] = [];
  for (const match of tree.matchAll(/(!?)'((?:[^']|'')+)'/g)) {
    if (match[1] !== '!') lexemes.push(match[2]!.replaceAll("''", "'"));
  }
  return lexemes;
}
