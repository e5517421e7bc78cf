import { describe, expect, it } from 'vitest';
import { isModifiedClick, issuePath, matchRoute } from './route-match.ts';

describe('matchRoute', () => {
  it('matches the pages', () => {
    expect(matchRoute('/')).toEqual({ name: 'issues' });
    expect(matchRoute('/repos')).toEqual({ name: 'repos' });
    expect(matchRoute('/repos/')).toEqual({ name: 'repos' });
    expect(matchRoute('/jobs')).toEqual({ name: 'jobs' });
    expect(matchRoute('/jobs/')).toEqual({ name: 'jobs' });
    expect(matchRoute('/settings')).toEqual({ name: 'settings' });
    expect(matchRoute('/concepts')).toEqual({ name: 'concepts' });
    expect(matchRoute('/concepts/')).toEqual({ name: 'concepts' });
    expect(matchRoute('/issues/abc123')).toEqual({ name: 'issue', id: 'abc123' });
  });

  it('decodes issue ids and round-trips issuePath', () => {
    const id = 'github:octo/hello#12';
    expect(issuePath(id)).toBe('/issues/github%3Aocto%2Fhello%2312');
    expect(matchRoute(issuePath(id))).toEqual({ name: 'issue', id });
  });

  it('reports anything else as not found', () => {
    expect(matchRoute('/issues')).toEqual({ name: 'not-found', path: '/issues' });
    expect(matchRoute('/issues/a/b')).toEqual({ name: 'not-found', path: '/issues/a/b' });
    expect(matchRoute('/issues/%E0%A4%A')).toEqual({ name: 'not-found', path: '/issues/%E0%A4%A' });
    expect(matchRoute('/nope')).toEqual({ name: 'not-found', path: '/nope' });
  });
});

describe('isModifiedClick', () => {
  const plain = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false };
  it('only treats a plain left click as in-app navigation', () => {
    expect(isModifiedClick(plain)).toBe(false);
    expect(isModifiedClick({ ...plain, ctrlKey: true })).toBe(true);
    expect(isModifiedClick({ ...plain, button: 1 })).toBe(true);
  });
});
