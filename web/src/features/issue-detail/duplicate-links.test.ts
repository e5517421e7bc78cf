import { describe, expect, it } from 'vitest';
import type { DuplicateLink } from '../../api-client/api-types.ts';
import {
  duplicateDecisionTarget,
  duplicateDirectionText,
  duplicateOriginText,
  duplicateSourceText,
  duplicateSummaryText,
  groupDuplicates,
  issueRef,
  showsSimilarity,
  statusAfter,
} from './duplicate-links.ts';

const link = (id: string, over: Partial<DuplicateLink> = {}): DuplicateLink => ({
  id,
  repo: 'octo/hello',
  number: Number(id),
  title: `Issue ${id}`,
  state: 'open',
  status: 'suggested',
  origin: 'detector',
  direction: 'duplicate-of',
  score: 0.5,
  evidence: [],
  ...over,
});

describe('groupDuplicates', () => {
  const links = [
    link('1', { score: 0.7 }),
    link('2', { status: 'rejected', score: 0.99 }),
    link('3', { status: 'confirmed', score: null, origin: 'state-reason' }),
    link('4', { score: 0.95 }),
    link('5', { status: 'confirmed', score: 1 }),
  ];

  it('puts confirmed first, then suggestions, and sets rejections apart, strongest first', () => {
    const groups = groupDuplicates(links);
    expect(groups.confirmed.map((l) => l.id)).toEqual(['5', '3']);
    expect(groups.suggested.map((l) => l.id)).toEqual(['4', '1']);
    expect(groups.rejected.map((l) => l.id)).toEqual(['2']);
  });

  it('moves a link as soon as a decision is pending', () => {
    const groups = groupDuplicates(
      links,
      new Map([
        ['4', 'rejected'],
        ['2', 'confirmed'],
      ]),
    );
    expect(groups.suggested.map((l) => l.id)).toEqual(['1']);
    expect(groups.rejected.map((l) => l.id)).toEqual(['4']);
    expect(groups.rejected[0]!.status).toBe('rejected');
    expect(groups.confirmed.map((l) => l.id)).toEqual(['5', '2', '3']);
    expect(links[3]!.status).toBe('suggested'); // the input is not mutated
  });
});

describe('direction and decisions', () => {
  it('says who duplicates whom', () => {
    expect(duplicateDirectionText(link('12'), 'octo/hello')).toBe('This issue duplicates #12');
    expect(duplicateDirectionText(link('40', { direction: 'duplicated-by' }), 'octo/hello')).toBe(
      '#40 duplicates this issue',
    );
    expect(issueRef(link('7', { repo: 'octo/other' }), 'octo/hello')).toBe('octo/other#7');
  });

  it('posts a reversed link from the other issue', () => {
    expect(duplicateDecisionTarget('100', link('12'))).toEqual({ id: '100', otherId: '12' });
    expect(duplicateDecisionTarget('100', link('40', { direction: 'duplicated-by' }))).toEqual({
      id: '40',
      otherId: '100',
    });
  });

  it('names origins and outcomes', () => {
    expect(duplicateOriginText('state-reason')).toBe('closed as a duplicate on GitHub');
    expect(statusAfter('confirm')).toBe('confirmed');
    expect(statusAfter('reject')).toBe('rejected');
  });
});

describe('what a link is and how it is summed up', () => {
  it('shows similarity for suggestions only', () => {
    expect(showsSimilarity(link('1'))).toBe(true);
    expect(showsSimilarity(link('1', { score: null }))).toBe(false);
    expect(showsSimilarity(link('1', { status: 'confirmed', score: 1, origin: 'state-reason' }))).toBe(false);
    expect(showsSimilarity(link('1', { status: 'rejected', score: 0.9 }))).toBe(false);
  });

  it('names who confirmed or rejected a link', () => {
    expect(duplicateSourceText(link('1'))).toBe('Suggested by Loupe');
    expect(duplicateSourceText(link('1', { status: 'confirmed', origin: 'state-reason' }))).toBe(
      'Confirmed: closed as a duplicate on GitHub',
    );
    expect(duplicateSourceText(link('1', { status: 'confirmed', origin: 'reference' }))).toBe(
      'Confirmed: marked as a duplicate in a comment',
    );
    expect(duplicateSourceText(link('1', { status: 'rejected', origin: 'maintainer' }))).toBe(
      'Rejected: decided by a maintainer',
    );
  });

  it('says "Duplicate of #N" for a confirmed original, never "possible" for confirmed links', () => {
    const original = link('201', { status: 'confirmed', origin: 'state-reason', score: 1 });
    expect(duplicateSummaryText([original], 'octo/hello')).toBe('Duplicate of #201');
    expect(
      duplicateSummaryText(
        [
          link('5', { status: 'confirmed', direction: 'duplicated-by', origin: 'reference' }),
          link('6', { status: 'confirmed', direction: 'duplicated-by', origin: 'reference' }),
          link('7'),
          link('8', { status: 'rejected' }),
        ],
        'octo/hello',
      ),
    ).toBe('2 confirmed duplicates · 1 possible duplicate');
    expect(duplicateSummaryText([link('8', { status: 'rejected' })], 'octo/hello')).toBeNull();
  });
});
