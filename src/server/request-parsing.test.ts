import { describe, expect, it } from 'vitest';
import { LoupeError } from '../core/errors.ts';
import { parseJsonBody } from './request-parsing.ts';

function failure(text: string): { code: string; message: string } {
  try {
    parseJsonBody(text);
  } catch (error) {
    if (error instanceof LoupeError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`parsed: ${text}`);
}

describe('parseJsonBody', () => {
  it('parses JSON, nested keys named like prototype members included', () => {
    expect(parseJsonBody('{"a":[1,{"b":null}],"constructor":"x","prototype":1}')).toEqual({
      a: [1, { b: null }],
      constructor: 'x',
      prototype: 1,
    });
  });
  it('refuses __proto__ at any depth and constructor.prototype, naming the key', () => {
    expect(failure('{"__proto__":{"admin":true}}')).toEqual({
      code: 'INVALID_INPUT',
      message: 'the body has a "__proto__" key, which is never accepted: remove it',
    });
    expect(failure('{"a":[{"__proto__":1}]}').message).toMatch(/"__proto__" key/);
    expect(failure('{"constructor":{"prototype":{"x":1}}}').message).toMatch(/"constructor\.prototype" key/);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
  it('says what is wrong with text that is not JSON, or empty', () => {
    expect(failure('{"a":')).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^the body is not valid JSON: /),
    });
    expect(failure('  ').message).toMatch(/the body is empty/);
  });
});
