/** One run of snippet text; `marked` runs are the search hits. */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
  '#x2F': '/',
  '#47': '/',
};

/** Decodes the few entities an HTML escaper emits; unknown ones stay as typed. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    const known = ENTITIES[name] ?? ENTITIES[name.toLowerCase()];
    if (known !== undefined) return known;
    const code = /^#x/i.test(name)
      ? parseInt(name.slice(2), 16)
      : name.startsWith('#')
        ? parseInt(name.slice(1), 10)
        : NaN;
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Splits the server's snippetHtml into plain-text runs. The contract says its only tags are
 * <mark>…</mark> and everything else is escaped; rather than trusting that with innerHTML, we
 * treat exactly `<mark>` and `</mark>` as structure and everything else as text, so a server bug
 * can at worst show stray markup, never run it.
 */
export function parseSnippet(html: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  for (const token of html.split(/(<mark>|<\/mark>)/i)) {
    const lower = token.toLowerCase();
    if (lower === '<mark>') marked = true;
    else if (lower === '</mark>') marked = false;
    else if (token !== '') {
      const text = decodeEntities(token);
      const last = parts[parts.length - 1];
      if (last && last.marked === marked) last.text += text;
      else parts.push({ text, marked });
    }
  }
  return parts;
}
