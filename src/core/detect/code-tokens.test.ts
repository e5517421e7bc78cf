import { describe, expect, it } from 'vitest';
import { codeTokens, identifierParts } from './code-tokens.ts';

describe('codeTokens', () => {
  it('keeps whole identifiers lower-cased and adds the parts of compound ones', () => {
    expect([...codeTokens('def push_to_hub(self): return pushToHub')].sort()).toEqual(
      ['def', 'hub', 'push', 'push_to_hub', 'pushtohub', 'return', 'self'].sort(),
    );
  });

  it('keeps flags with their dashes, and drops short and overlong tokens', () => {
    const tokens = codeTokens(`run --max-workers 4 -x ab ${'z'.repeat(61)}`);
    expect(tokens.has('--max-workers')).toBe(true);
    expect(tokens.has('workers')).toBe(true);
    expect(tokens.has('ab')).toBe(false);
    expect(tokens.has('z'.repeat(61))).toBe(false);
  });

  it('splits identifiers at case changes and underscores', () => {
    expect(identifierParts('parseHTTPResponse_v2')).toEqual(['parse', 'http', 'response', 'v', '2']);
  });
});
