import { describe, expect, it } from 'vitest';
import { listReturnHref, rememberListSearch } from './list-return.ts';

describe('list return href', () => {
  it('returns to the remembered search, or the plain list', () => {
    expect(listReturnHref()).toBe('/');
    rememberListSearch('?q=crash&state=open');
    expect(listReturnHref()).toBe('/?q=crash&state=open');
    rememberListSearch('');
    expect(listReturnHref()).toBe('/');
  });

  it('never returns a path off the list page', () => {
    rememberListSearch('//evil.example');
    expect(listReturnHref()).toBe('/');
  });
});
