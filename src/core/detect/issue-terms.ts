/**
 * The key terms of an issue: what code that implements it would likely name. Identifiers quoted in
 * `code spans` or written in code style (snake_case, camelCase, dotted.paths, call()) and flags are
 * specific; plain words of the title count more than words of the body; identifiers inside fenced
 * blocks (reproduction scripts, tracebacks) mostly name code that already exists, so they count least.
 */
import { addCodeTokens, identifierParts, MAX_TOKEN_LENGTH, MIN_TOKEN_LENGTH } from './code-tokens.ts';

export type TermKind = 'identifier' | 'flag' | 'word';
export type TermPlace = 'title' | 'quoted' | 'body' | 'block';

export interface IssueTerm {
  /** Normalised as code tokens are (lower-cased identifier, flag with its dashes, or word). */
  token: string;
  kind: TermKind;
  /** The most telling place the term was seen. */
  place: TermPlace;
  /** Prior weight from kind and place (before the repository's rarity is known). */
  weight: number;
}

/** The slice of an issue term extraction reads. */
export interface IssueTextInput {
  title: string;
  body: string;
  /** Comment bodies, oldest first (read like the body). */
  comments?: readonly string[];
}

const PLACE_WEIGHT: Record<TermPlace, number> = { title: 1, quoted: 0.9, body: 0.35, block: 0.3 };
const KIND_WEIGHT: Record<TermKind, number> = { identifier: 1.6, flag: 1.6, word: 1 };
const PLACE_RANK: Record<TermPlace, number> = { title: 3, quoted: 2, body: 1, block: 0 };

/** Most terms kept for one issue (highest prior weight first). */
export const MAX_ISSUE_TERMS = 60;

const STOPWORDS = new Set(
  `a about above after again against all also am an and any are aren't as at be because been
before being below between both but by can cannot could did didn does doesn doing don down during each else even
every few for from further get gets getting got had has have having here how however i if in into is isn it its itself
just let like make makes many may me might more most much must my need needs new no nor not now of off on once only or
other our out over own please same see seem seems should since so some still such than that the their them then there
these they this those though through thus to too under until up upon us use used uses using very via was wasn way we
were what when where whether which while who whom why will with within without would yet you your
issue issues bug bugs error errors problem problems feature request expected behavior behaviour actual reproduce
reproduction steps step version versions environment info information thanks thank hello hi example examples
currently possible want wanted work works working seems something anything nothing trying tried try run running ran
code file files line lines true false none null undefined return returns value values following follow able add
added adding support supported allow allows case cases think know would cause causes caused instead already
however result results output input call called calling set sets time times first last one two three well good
true main self cls def class import from print len str int list dict type types object objects default option
http https www com github org html png jpg gif image img src user users attachment`.split(/\s+/),
);

const FENCE = /```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)/g;
const CODE_SPAN = /`([^`\n]{1,200})`/g;
/** snake_case, camelCase, PascalCase with an inner capital, dotted.path, call(), or a flag. */
const CODE_STYLE =
  /(?<![\w.-])(?:--?[a-z][a-z0-9]*(?:-[a-z0-9]+)+|--[a-z][a-z0-9]+)|[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*(?:\(\))?/g;
const WORD = /[A-Za-z][a-z]+/g;
const TWO_LETTERS = /[a-z].*[a-z]/;
/**
 * Environment reports (versions, platform strings) name the reporter's machine, not the ask: an
 * "Environment"/"System info" section up to the next heading, and "- X version: …" / "- Platform: …" lines.
 */
const ENVIRONMENT =
  /^#{1,6}[^\n]*\b(?:environment|system info|env info|versions?)\b[^\n]*\n[\s\S]*?(?=^#{1,6}\s|(?![\s\S]))|^\s*[-*]\s*[^\n:]{0,40}\b(?:version|platform)\b[^\n]*:[^\n]*$/gim;

const isFlag = (raw: string): boolean => raw.startsWith('-');

function isCodeStyle(raw: string): boolean {
  return (
    isFlag(raw) ||
    raw.includes('_') ||
    raw.endsWith('()') ||
    /\.[A-Za-z_$]/.test(raw) ||
    /[a-z][A-Z]/.test(raw)
  );
}

class TermCollector {
  private readonly terms = new Map<string, IssueTerm>();

  add(token: string, kind: TermKind, place: TermPlace): void {
    if (
      token.length < MIN_TOKEN_LENGTH ||
      token.length > MAX_TOKEN_LENGTH ||
      STOPWORDS.has(token) ||
      !TWO_LETTERS.test(token)
    )
      return;
    const weight = PLACE_WEIGHT[place] * KIND_WEIGHT[kind];
    const seen = this.terms.get(token);
    if (!seen) this.terms.set(token, { token, kind, place, weight });
    else if (weight > seen.weight || (weight === seen.weight && PLACE_RANK[place] > PLACE_RANK[seen.place])) {
      this.terms.set(token, { token, kind: kind === 'word' ? seen.kind : kind, place, weight });
    }
  }

  /** Code-style identifiers (and their dotted segments), then plain words. */
  addText(text: string, place: TermPlace, codeOnly = false): void {
    for (const match of text.matchAll(CODE_STYLE)) {
      const raw = match[0].replace(/\(\)$/, '');
      if (isFlag(raw)) this.add(raw.toLowerCase(), 'flag', place);
      else if (isCodeStyle(match[0])) {
        for (const segment of raw.split('.')) {
          if (segment.includes('_') || /[a-z][A-Z]/.test(segment) || place === 'quoted')
            this.add(segment.toLowerCase(), 'identifier', place);
          for (const part of identifierParts(segment))
            this.add(part, 'word', place === 'quoted' ? 'body' : place);
        }
      } else if (place === 'quoted') this.add(raw.toLowerCase(), 'identifier', place);
    }
    if (codeOnly) return;
    for (const match of text.matchAll(WORD)) this.add(match[0].toLowerCase(), 'word', place);
  }

  list(): IssueTerm[] {
    return [...this.terms.values()]
      .sort((a, b) => b.weight - a.weight || a.token.localeCompare(b.token))
      .slice(0, MAX_ISSUE_TERMS);
  }
}

/** The terms of an issue, most telling first (at most MAX_ISSUE_TERMS). Pure. */
export function extractIssueTerms(issue: IssueTextInput): IssueTerm[] {
  const collector = new TermCollector();
  collector.addText(issue.title.replace(CODE_SPAN, ' $1 '), 'title');
  for (const text of [issue.body, ...(issue.comments ?? [])]) {
    const cleaned = text.replace(ENVIRONMENT, ' ');
    const blocks = cleaned.match(FENCE) ?? [];
    const prose = cleaned.replace(FENCE, ' ');
    for (const match of prose.matchAll(CODE_SPAN)) collector.addText(match[1]!, 'quoted', true);
    collector.addText(prose.replace(CODE_SPAN, ' '), 'body');
    for (const block of blocks) collector.addText(block, 'block', true);
  }
  return collector.list();
}

/** Every token an issue's text could yield, however it is weighed: the vocabulary an index may be cut to. */
export function issueVocabulary(issue: IssueTextInput, into = new Set<string>()): Set<string> {
  for (const text of [issue.title, issue.body, ...(issue.comments ?? [])]) {
    addCodeTokens(text, into);
    for (const match of text.matchAll(CODE_STYLE)) {
      for (const segment of match[0].replace(/\(\)$/, '').split('.')) into.add(segment.toLowerCase());
    }
    for (const match of text.matchAll(WORD)) into.add(match[0].toLowerCase());
  }
  return into;
}
