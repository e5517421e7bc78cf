/**
 * Plain-text signals read from an issue's title and body (markdown). Each function counts one
 * thing; the feature builder turns the counts into scaled features.
 */

const FENCE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const FILE_PATH =
  /(?:^|[\s`'"([/])((?:[\w.-]+\/)*[\w-]+\.(?:py|pyi|ts|tsx|js|jsx|mjs|cjs|go|rs|java|kt|rb|php|c|cc|cpp|h|hpp|cs|swift|scala|sh|ya?ml|toml|json|md|rst|cfg|ini|ipynb|sql|html|css|lock))(?=$|[\s`'"),:;#\]])/gim;
const INLINE_CODE = /`([^`\n]{1,80})`/g;
const CALL_LIKE = /\b[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+\(|\b[a-z]+_[a-z_]+\(/g;
const URL = /https?:\/\/[^\s)<>\]]+/g;
const CODE_POINTER =
  /https?:\/\/[^\s)]*\/blob\/[^\s)]+|#L\d+\b|\blines? \d+(?:\s*(?:-|to)\s*\d+)?\s+(?:of|in)\b/gi;
const STACK_FRAME =
  /^\s*File "[^"]+", line \d+|^\s+at [\w$.<>[\]/ ]+ ?\(?[^\s()]+:\d+(?::\d+)?\)?\s*$|^\s*#\d+\s+0x[0-9a-f]+|\bpanicked at\b/gm;
const STACK_HEADER =
  /Traceback \(most recent call last\)|Exception in thread|^\s*Caused by:|\bstack ?trace\b/im;
const CHECKLIST_ITEM = /^\s*[-*] \[[ xX]\]/gm;

/** Body with fenced code blocks removed, so that words inside logs and code are not read as prose. */
export function proseOf(body: string): string {
  return body.replace(FENCE, ' ');
}

export function countCodeBlocks(body: string): number {
  return body.match(FENCE)?.length ?? 0;
}

/** Distinct file paths (`src/x.py`, `setup.cfg`…) named anywhere in the text. */
export function countFileReferences(text: string): number {
  const found = new Set<string>();
  for (const match of text.matchAll(FILE_PATH)) {
    const path = match[1];
    if (path && !/^\d+(?:\.\d+)+$/.test(path)) found.add(path.toLowerCase());
  }
  return found.size;
}

/** Distinct code symbols in prose: inline code spans and dotted/snake_case calls. */
export function countSymbolReferences(prose: string): number {
  const found = new Set<string>();
  for (const match of prose.matchAll(INLINE_CODE)) found.add((match[1] ?? '').trim());
  for (const match of prose.matchAll(CALL_LIKE)) found.add(match[0]);
  found.delete('');
  return found.size;
}

export function countLinks(text: string): number {
  return text.match(URL)?.length ?? 0;
}

/** Links to source lines, `#L12` anchors, "line 40 of …": someone already located the code. */
export function countCodePointers(text: string): number {
  return text.match(CODE_POINTER)?.length ?? 0;
}

/** Number of stack frames (0 when no trace); a bare trace header counts as one frame. */
export function countStackFrames(body: string): number {
  const frames = body.match(STACK_FRAME)?.length ?? 0;
  if (frames > 0) return frames;
  return STACK_HEADER.test(body) ? 1 : 0;
}

export function countChecklistItems(body: string): number {
  return body.match(CHECKLIST_ITEM)?.length ?? 0;
}

/** Counts how many of the patterns occur at least once in the lower-cased text. */
export function countPhrases(text: string, patterns: readonly RegExp[]): number {
  const lower = text.toLowerCase();
  let count = 0;
  for (const pattern of patterns) if (pattern.test(lower)) count += 1;
  return count;
}

/** Someone says where and how to make the change, or invites a pull request. */
export const GUIDANCE_PHRASES: readonly RegExp[] = [
  /\byou(?:'d| would| will|'ll)? (?:just |only )?(?:need|have) to\b/,
  /\b(?:should|could|would) (?:need to )?be (?:changed|updated|fixed|modified|added|moved|replaced|removed) (?:in|at|to)\b/,
  /\bthe (?:fix|change|solution) (?:is|would be|should be|could be)\b/,
  /\b(?:prs?|pull requests?|contributions?|patches) (?:are |is )?(?:very |more than |always )?welcome\b/,
  /\bfeel free to (?:open|submit|send|make|create|take)\b/,
  /\bhappy to (?:review|help|guide|merge)\b/,
  /\b(?:in|inside) (?:the )?(?:file|function|method|class|module) `?[\w./]+/,
  /\b(?:it|this) (?:should|would|will) (?:only )?be (?:enough|sufficient|easy|straightforward|simple|trivial)\b/,
  // A maintainer sizing the change: "This should be a small change", "would be a one-line fix".
  /\b(?:it|this) (?:should|would|will) (?:only )?be an? (?:small|simple|quick|easy|trivial|one-line|straightforward) (?:change|fix|patch|pr)\b/,
  // A maintainer's section pointing at the code: "**Where to look:**", "Pointers:".
  /\bwhere to (?:look|start)\b|\bpointers:/,
  /\b(?:just|simply|only) (?:need|needs|have|has) to\b/,
  /\bthe relevant (?:code|file|function|part|lines?)\b/,
  /\b(?:here(?:'s| is)|this is) (?:where|the (?:line|place|code))\b/,
  /\b(?:we|you|one) (?:could|can|should) (?:simply |just )?(?:add|change|replace|update|use|raise|deprecate|rename|remove|expose|pass)\b/,
  /\b(?:implementation|possible) (?:plan|approach|idea|notes?|hints?)\b/,
  /\bsteps? (?:to implement|needed)\b/,
];

/** Words that describe a small, local change. */
export const SMALL_SCOPE_PHRASES: readonly RegExp[] = [
  /\btypos?\b|\bspelling\b|\bmisspel/,
  /\bdocstrings?\b|\bdoc ?strings?\b/,
  /\bdocumentation\b|\bdocs?\b|\breadme\b/,
  /\brenam(?:e|ing)\b/,
  /\bdeprecat/,
  /\berror messages?\b|\bwarning messages?\b|\bmore (?:informative|helpful|explicit)\b/,
  /\bf-?strings?\b/,
  /\btype (?:hints?|annotations?)\b/,
  /\bbroken links?\b|\bdead links?\b/,
  /\badd (?:an? |the )?(?:argument|parameter|option|alias|method|flag|kwarg)\b/,
];

/** Words that describe deep or wide work. */
export const HARD_SCOPE_PHRASES: readonly RegExp[] = [
  /\bperformance\b|\bslow(?:er|ly|ness)?\b|\bspeed ?up\b/,
  /\bmemory\b|\bleaks?\b|\boom\b/,
  /\brefactor|\bredesign|\barchitecture\b|\brewrite\b/,
  /\brace conditions?\b|\bdeadlocks?\b|\bconcurren/,
  /\bsegfault|\bsegmentation fault\b|\bcore dumped\b/,
  /\bmultiprocess|\bmulti-process|\bthreads?\b|\bdistributed\b/,
  /\bbreaking changes?\b|\bbackwards? compat/,
  /\bsecurity\b|\bvulnerab/,
  /\bflaky\b|\bintermittent|\bnon-?deterministic/,
  /\bhangs?\b|\bfreez(?:e|es|ing)\b|\bcrash(?:es|ed|ing)?\b/,
];

/** Bug-report template sections: a user hit a problem, nobody has scoped it yet. */
export const ENVIRONMENT_PHRASES: readonly RegExp[] = [
  /\benvironment info|\bsystem info|\byour environment\b/,
  /\bpython version\b|\bplatform:|\bos:|\boperating system\b/,
  /\bversion:\s*v?\d/,
  /\bpip freeze\b|\bconda list\b/,
];

export const REPRODUCTION_PHRASES: readonly RegExp[] = [
  /\bsteps to reproduce\b|\bto reproduce\b|\breproduc(?:tion|ible)\b/,
  /\bexpected (?:behaviou?r|results?|output)\b/,
  /\bactual (?:behaviou?r|results?|output)\b/,
];

/** Feature-request framing: a change is proposed rather than a failure reported. */
export const PROPOSAL_PHRASES: readonly RegExp[] = [
  /\bproposed? (?:solution|change|api)\b|\bi propose\b/,
  /\bfeature request\b|\bmotivation\b/,
  /\bit would be (?:nice|great|useful|good|helpful)\b|\bwould be (?:nice|great|useful|good) to\b/,
  /\b(?:could|can) we (?:add|have|support|expose)\b|\bis it possible to add\b|\badd support for\b/,
];

/** Comment phrases that signal disagreement about what to do. */
export const DISAGREEMENT_PHRASES: readonly RegExp[] = [
  /\bi disagree\b|\bdisagree with\b/,
  /\bi don'?t think (?:this|that|we|it)\b/,
  /\bnot (?:sure|convinced) (?:this|that|we|it|about)\b/,
  /\bthis (?:won'?t|wouldn'?t|doesn'?t) work\b/,
  /\bdoesn'?t make sense\b|\bbad idea\b/,
  /(?:^|\s)-1\b/,
  /\bon the other hand\b|\bi(?:'m| am) (?:against|opposed)\b/,
  /\bconcerns?\b.*\b(?:about|with)\b/,
];

/** Question framing in the title: help is asked for, no change is defined. */
export function isQuestionTitle(title: string): boolean {
  const trimmed = title.trim().toLowerCase();
  return /\?\s*$/.test(trimmed) || /^(?:how|why|what|is there|can i|is it possible|does)\b/.test(trimmed);
}
