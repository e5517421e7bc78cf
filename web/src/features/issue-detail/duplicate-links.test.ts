import { describe, expect, it } from 'vitest';
import type { DuplicateLink } from '../../api-client/api-types.ts';
import {
  duplicateDecisionTarget,
  duplicateDirectionText,
  duplicateOriginText,
  groupDuplicates,
  issueRef,
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
