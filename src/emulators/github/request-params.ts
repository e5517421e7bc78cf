/**
 * Query-string parsing with GitHub's rules and error shapes: bad values answer 422 "Validation
 * Failed"; per_page defaults to 30 and is capped at 100; page defaults to 1.
 */

export const DOCS_URL = 'https://docs.github.com/rest';

/** A request GitHub would reject with 422; `field` names the offending parameter. */
export class ValidationError extends Error {
  readonly field: string;
  readonly resource: string;
  constructor(options: { field: string; resource: string }) {
    super(`Invalid value for ${options.field}`);
    this.field = options.field;
    this.resource = options.resource;
  }

  /** GitHub's validation error body. */
  toBody(): Record<string, unknown> {
    return {
      message: 'Validation Failed',
      errors: [{ resource: this.resource, field: this.field, code: 'invalid' }],
      documentation_url: DOCS_URL,
    };
  }
}

export interface Paging {
  page: number;
  perPage: number;
}

const INTEGER = /^\d+$/;
// ISO-8601 date or date-time, the format GitHub documents for `since`.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function parsePaging(params: URLSearchParams, resource: string): Paging {
  const rawPer = params.get('per_page');
  const rawPage = params.get('page');
  if (rawPer !== null && !INTEGER.test(rawPer)) throw new ValidationError({ field: 'per_page', resource });
  if (rawPage !== null && !INTEGER.test(rawPage)) throw new ValidationError({ field: 'page', resource });
  const per = rawPer === null ? 30 : Number(rawPer);
  const page = rawPage === null ? 1 : Number(rawPage);
  return { perPage: per < 1 ? 30 : Math.min(per, 100), page: Math.max(page, 1) };
}

/** `since` as epoch ms, or null when absent. */
export function parseSince(params: URLSearchParams, resource: string): number | null {
  const raw = params.get('since');
  if (raw === null) return null;
  const ms = ISO_DATE.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new ValidationError({ field: 'since', resource });
  return ms;
}

export function parseEnum<T extends string>(
  params: URLSearchParams,
  spec: { name: string; allowed: readonly T[]; fallback: T; resource: string },
): T {
  const raw = params.get(spec.name);
  if (raw === null || raw === '') return spec.fallback;
  if (!(spec.allowed as readonly string[]).includes(raw)) {
    throw new ValidationError({ field: spec.name, resource: spec.resource });
  }
  return raw as T;
}

/** Comma-separated label names, blanks dropped. */
export function parseLabels(params: URLSearchParams): string[] {
  const raw = params.get('labels');
  if (!raw) return [];
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** One page of items plus the number of the last page (at least 1). */
export function paginate<T>(items: readonly T[], paging: Paging): { pageItems: T[]; lastPage: number } {
  const start = (paging.page - 1) * paging.perPage;
  return {
    pageItems: items.slice(start, start + paging.perPage),
    lastPage: Math.max(1, Math.ceil(items.length / paging.perPage)),
  };
}

/**
 * RFC 5988 Link header as GitHub writes it: prev, next, last, first (each only when it applies),
 * every other query parameter kept in its original order and `page` replaced or appended.
 */
export function buildLinkHeader(spec: {
  base: string;
  params: URLSearchParams;
  page: number;
  lastPage: number;
  total: number;
}): string | null {
  if (spec.total === 0 || spec.lastPage <= 1) return spec.page > 1 ? firstOnly(spec) : null;
  const at = (page: number): string => {
    const p = new URLSearchParams(spec.params);
    p.set('page', String(page));
    return `<${spec.base}?${p.toString()}>`;
  };
  const parts: string[] = [];
  if (spec.page > 1) parts.push(`${at(Math.min(spec.page - 1, spec.lastPage))}; rel="prev"`);
  if (spec.page < spec.lastPage) {
    parts.push(`${at(spec.page + 1)}; rel="next"`);
    parts.push(`${at(spec.lastPage)}; rel="last"`);
  }
  if (spec.page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.join(', ');
}

function firstOnly(spec: { base: string; params: URLSearchParams; page: number }): string {
  const prev = new URLSearchParams(spec.params);
  prev.set('page', String(spec.page - 1));
  const first = new URLSearchParams(spec.params);
  first.set('page', '1');
  return `<${spec.base}?${prev.toString()}>; rel="prev", <${spec.base}?${first.toString()}>; rel="first"`;
}
