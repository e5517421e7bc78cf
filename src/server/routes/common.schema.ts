import { z } from 'zod';

/**
 * Input primitives shared by the routes' schemas. Each names its field in its messages, so a 400
 * says what to change: "q must not contain NUL characters", "id must be a whole number like 42".
 */

/** PostgreSQL text cannot hold U+0000: a NUL that reached a query would be a 500 instead of a 400. */
const NUL = '\u0000';

/**
 * A string field; `name` is how the messages call it. A missing field and a field of another type
 * get different messages ("fullName is required" / "fullName must be a string").
 */
export function textField(name: string, options: { min?: number; max: number; example?: string }) {
  const hint = options.example ? `, e.g. ${options.example}` : '';
  let schema = z.string({
    error: (issue) =>
      issue.input === undefined ? `${name} is required${hint}` : `${name} must be a string${hint}`,
  });
  if (options.min)
    schema = schema.min(
      options.min,
      options.min === 1 ? `${name} must not be empty` : `${name} must be at least ${options.min} characters`,
    );
  return schema
    .max(options.max, `${name} is at most ${options.max} characters`)
    .refine((value) => !value.includes(NUL), `${name} must not contain NUL (\\u0000) characters`);
}

/** The largest id a JSON number (and so a client in JavaScript) carries exactly. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

/**
 * A path parameter holding a row id: a plain decimal integer (no sign, exponent, fraction, hex,
 * spaces or leading zeros), so /issues/1e3 is not issue 1000. Declared as the string it is on the
 * wire; handlers get a number.
 */
export function idParam(name: string) {
  return z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, `${name} must be a whole number like 42 (digits only)`)
    .describe(`${name}: a positive decimal integer`)
    .transform((value) => Number(value))
    .pipe(z.number().max(MAX_ID, `${name} is too large: ids are at most ${MAX_ID}`));
}

/** A query parameter holding a whole number in [min, max]; only plain decimal digits are accepted. */
export function queryInteger(name: string, range: { min: number; max: number }) {
  const message = `${name} must be a whole number from ${range.min} to ${range.max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : value),
    z.number({ error: message }).int(message).min(range.min, message).max(range.max, message),
  );
}

/** A query parameter holding a decimal number in [min, max] ("0.5", "1", ".25"; no exponents or hex). */
export function queryDecimal(name: string, range: { min: number; max: number }) {
  const message = `${name} must be a number from ${range.min} to ${range.max}, e.g. 0.5`;
  return z.preprocess(
    (value) =>
      typeof value === 'string' && /^(?:[0-9]{1,9}(?:\.[0-9]{1,20})?|\.[0-9]{1,20})$/.test(value)
        ? Number(value)
        : value,
    z.number({ error: message }).min(range.min, message).max(range.max, message),
  );
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?$/;

/** True for an ISO-8601 calendar date ("2024-05-01") or date-time that names a real day in years 1..9999. */
export function isIsoDateTime(value: string): boolean {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (leap years included).
  const lastDay = new Date(Date.UTC(2000, month, 0));
  lastDay.setUTCFullYear(year, month, 0);
  return day <= lastDay.getUTCDate();
}

/** An ISO-8601 date or date-time query parameter (what PostgreSQL reads as a timestamptz). */
export function isoDateTime(name: string) {
  const message = `${name} must be an ISO-8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z`;
  // The pattern documents the form in OpenAPI; the refinement also checks that the day exists.
  return z.string().regex(ISO_DATE_TIME, message).refine(isIsoDateTime, message);
}

/** The body of every error answer (server/http-errors.ts). */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable, e.g. INVALID_INPUT, NOT_FOUND, UNSUPPORTED_MEDIA_TYPE'),
      message: z.string().describe('What went wrong and what to check'),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .describe('An error')
  .meta({ id: 'ErrorBody' });

/** Error answers every route can give, for the `response` of a route schema. */
export const errorResponses = { '4xx': errorBodySchema, '5xx': errorBodySchema } as const;
