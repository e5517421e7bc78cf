import { describe, expect, it } from 'vitest';
import { declaredSymbols, declaredSymbolsInText, isTypeScriptFamily } from './code-symbols.ts';

describe('declaredSymbols', () => {
  it('reads TypeScript declarations with the compiler API, not calls or references', () => {
    const names = declaredSymbols(
      'src/a.ts',
      'export function loadDataset(path: string) { return helper(path); }\nclass Cache { maxSize = 3; get(key: string) {} }\ninterface Options { streaming?: boolean }',
    );
    expect([...names].sort()).toEqual(['cache', 'get', 'loaddataset', 'maxsize', 'options', 'streaming']);
    expect(names.has('helper')).toBe(false);
  });

  it('falls back to declaration keywords for other languages', () => {
    const names = declaredSymbols(
      'pkg/io.py',
      'MAX_RETRIES = 3\nclass Reader:\n    def read_rows(self):\n        return call_other()\n',
    );
    expect([...names].sort()).toEqual(['max_retries', 'read_rows', 'reader']);
    expect(declaredSymbolsInText('fn parse_args() {}').has('parse_args')).toBe(true);
  });

  it('knows which files the compiler API parses', () => {
    expect(isTypeScriptFamily('a/b.mjs')).toBe(true);
    expect(isTypeScriptFamily('a/b.py')).toBe(false);
  });
});
