import { describe, expect, it } from 'vitest';
import { idParam, isIsoDateTime, queryDecimal, queryInteger, textField } from './common.schema.ts';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((i) => i.message) ?? [];

describe('isIsoDateTime', () => {
  it.each([
    '2024-05-01',
    '2024-02-29',
    '0001-01-01',
    '9999-12-31',
    '2024-05-01T12:00',
    '2024-05-01T12:00:59Z',
    '2024-05-01T12:00:00.123456+02:00',
    '2024-05-01T23:59:59.999-0530',
  ])('accepts %s', (value) => {
    expect(isIsoDateTime(value)).toBe(true);
  });
  it.each([
    '1',
    '-1',
    '12345',
    '2023-02-29',
    '2024-02-30',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '0000-01-01',
    '99999-01-01',
    '2024-05-01T24:00',
    '2024-05-01T12:60',
    '2024-05-01 12:00',
    'March 7',
    '2024-05-01\u0000',
    '',
  ])('refuses %j', (value) => {
    expect(isIsoDateTime(value)).toBe(false);
  });
});

describe('idParam', () => {
  const id = idParam('id');
  it('turns plain decimal digits into a number', () => {
    expect(id.parse('42')).toBe(42);
    expect(id.parse('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each(['0', '01', '1e3', '0x10', ' 1', '1.0', '+1', '-1', ''])(
    'refuses %j, saying what an id looks like',
    (value) => {
      expect(messages(id.safeParse(value))).toEqual(['id must be a whole number like 42 (digits only)']);
    },
  );
  it('refuses ids JSON numbers cannot carry exactly', () => {
    expect(messages(id.safeParse('9007199254740993'))).toEqual([
      'id is too large: ids are at most 9007199254740991',
    ]);
  });
});

describe('queryInteger and queryDecimal', () => {
  const limit = queryInteger('limit', { min: 1, max: 100 });
  const score = queryDecimal('minGfi', { min: 0, max: 1 });
  it('read plain decimal text', () => {
    expect(limit.parse('25')).toBe(25);
    expect(score.parse('0.5')).toBe(0.5);
    expect(score.parse('.25')).toBe(0.25);
    expect(score.parse('1')).toBe(1);
    // What String(0.1 + 0.2) gives a client that computed the score.
    expect(score.parse(String(0.1 + 0.2))).toBeCloseTo(0.3);
  });
  it.each(['', '0', '101', '1e1', '0x10', '1.5', 'Infinity', ' 5'])(
    'limit refuses %j with one message',
    (value) => {
      expect(messages(limit.safeParse(value))).toEqual(['limit must be a whole number from 1 to 100']);
    },
  );
  it.each(['', 'NaN', '1e-400', '-0.1', '1.01', '0x1'])('minGfi refuses %j', (value) => {
    expect(messages(score.safeParse(value))).toEqual(['minGfi must be a number from 0 to 1, e.g. 0.5']);
  });
});

describe('textField', () => {
  const fullName = textField('fullName', { min: 1, max: 10, example: 'a/b' });
  it('tells a missing field from one of another type', () => {
    expect(messages(fullName.safeParse(undefined))).toEqual(['fullName is required, e.g. a/b']);
    expect(messages(fullName.safeParse(123))).toEqual(['fullName must be a string, e.g. a/b']);
  });
  it('refuses NUL, empty and overlong text', () => {
    expect(messages(fullName.safeParse('a\u0000b'))).toEqual([
      'fullName must not contain NUL (\\u0000) characters',
    ]);
    expect(messages(fullName.safeParse(''))).toEqual(['fullName must not be empty']);
    expect(messages(fullName.safeParse('x'.repeat(11)))).toEqual(['fullName is at most 10 characters']);
    expect(fullName.parse('ok ✓ 😀')).toBe('ok ✓ 😀');
  });
});
