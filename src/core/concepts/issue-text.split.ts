/**
 * Prepares an issue body for concept matching. Issue templates repeat the same words in every
 * issue of a repository ("CUDA/cuDNN version:", "- [ ] I checked the documentation, FAQ",
 * "### Bazel version", system-info tables), so those parts are kept apart as `boilerplate` (weak
 * evidence) while the reporter's answers stay prose. Fenced code is separated too (weaker
 * evidence, but its fence language is strong evidence), and URLs and HTML comments are dropped.
 */

export interface SplitText {
  prose: string;
  code: string;
  /** Headings, checklists, tables, `<details>` blocks and form-field labels. */
  boilerplate: string;
  /** Info strings of fenced code blocks, in order, e.g. ['python', 'console']. */
  fences: string[];
}

/**
 * Texts longer than this are cut: evidence past the first 100 KB barely changes a tag, and the cut
 * keeps tagging time bounded for pasted logs (real bodies exceed 128 KB).
 */
export const MAX_TEXT_CHARS = 100_000;

const HTML_COMMENT_RE = /<!--[\s\S]*?(?:-->|$)/g;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>()[\]"'`]+/gi;
const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const WHOLE_LINE_BOILERPLATE_RE =
  /^\s{0,3}(?:#{1,6}\s|\|)|^\s*(?:[-*+]|\d+\.)\s+\[[ xX]\]|^\s*(?:(?:[-*+]|\d+\.)\s+)?(?:\*\*|__)[^:]*$/;
const FIELD_LABEL_RE = /^(\s*(?:[-*+]|\d+\.)?\s*)([^:\n]{1,120}?):(?=\s|$)/;

/** Splits a markdown body into prose, code, boilerplate and fence languages. */
export function splitMarkdown(body: string): SplitText {
  const clean = body.slice(0, MAX_TEXT_CHARS).replace(HTML_COMMENT_RE, ' ');
  const out = {
    prose: [] as string[],
    code: [] as string[],
    boilerplate: [] as string[],
    fences: [] as string[],
  };
  let fence: string | null = null;
  let details = 0;
  for (const line of clean.split('\n')) {
    if (fence !== null) {
      if (closesFence(line, fence)) fence = null;
      else out.code.push(line);
      continue;
    }
    const open = line.includes('``') || line.includes('~~') ? FENCE_OPEN_RE.exec(line) : null;
    if (open) {
      fence = open[1] as string;
      const lang = cleanFenceLanguage(open[2] ?? '');
      if (lang) out.fences.push(lang);
      continue;
    }
    const tag = line.includes('<') && /<\/?details\b/i.test(line);
    if (tag) details = Math.max(0, details + count(line, /<details\b/gi) - count(line, /<\/details>/gi));
    if (details > 0 || tag || WHOLE_LINE_BOILERPLATE_RE.test(line)) {
      out.boilerplate.push(line);
      continue;
    }
    const label = fieldLabel(line);
    if (label) out.boilerplate.push(label);
    out.prose.push(line.slice(label.length));
  }
  return {
    prose: stripUrls(out.prose.join('\n')),
    code: stripUrls(out.code.join('\n')),
    boilerplate: stripUrls(out.boilerplate.join('\n')),
    fences: out.fences,
  };
}

/**
 * The form-field label at the start of a line ("- **Python version**:", "CUDA/cuDNN version:",
 * "- OS Platform:"), or '' when the line does not start with one. Plain "Kafka: it fails" lines
 * are not labels; bold, list-item and "… version" ones are.
 */
function fieldLabel(line: string): string {
  const match = FIELD_LABEL_RE.exec(line);
  if (!match) return '';
  const [whole, marker = '', label = ''] = match;
  const words = label.trim().split(/\s+/).length;
  const isLabel =
    /\*\*|__/.test(label) || (marker.trim() !== '' && words <= 8) || (words <= 6 && /version/i.test(label));
  return isLabel ? whole : '';
}

function count(line: string, re: RegExp): number {
  return line.match(re)?.length ?? 0;
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length < fence.length || trimmed[0] !== fence[0]) return false;
  for (const ch of trimmed) if (ch !== fence[0]) return false;
  return true;
}

/** `{python}`, `language-python`, `python title="x.py"` → `python`. */
function cleanFenceLanguage(info: string): string {
  return info
    .replace(/^\{|\}$/g, '')
    .replace(/^\./, '')
    .replace(/^language-/i, '')
    .replace(/[{},].*$/, '')
    .toLowerCase();
}

/** Replaces URLs with a space (their paths and hosts are not what the issue is about). */
export function stripUrls(text: string): string {
  return text.replace(URL_RE, ' ');
}

/** Runs of path characters (kept only when they hold a dot or a slash): `src/app.ts`, `Cargo.toml`. */
const PATH_RE = /[\w\-~+@.\\/]{3,}/g;
const VERSION_LIKE_RE = /^v?[\d.]+$/;

/**
 * Words that may name a file: anything with a dot or a slash (`src/app.ts:10:5` gives
 * `src/app.ts`); trailing sentence dots are dropped. Bare names such as `Makefile` are found from
 * tokens instead (text.scan.ts).
 */
export function pathCandidates(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(PATH_RE)) {
    let candidate = match[0];
    let end = candidate.length;
    while (end > 0 && (candidate[end - 1] === '.' || candidate[end - 1] === '-')) end--;
    candidate = candidate.slice(candidate.startsWith('./') ? 2 : 0, end);
    if (!candidate.includes('.') && !candidate.includes('/') && !candidate.includes('\\')) continue;
    if (VERSION_LIKE_RE.test(candidate)) continue; // 1.2.3, 10.0.0.1
    if (candidate.length >= 3 && candidate.length <= 300 && /[\w]/.test(candidate)) out.push(candidate);
  }
  return out;
}
