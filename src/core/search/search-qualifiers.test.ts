import { describe, expect, it } from 'vitest';
import { LoupeError } from '../errors.ts';
import { parseSearchQualifiers, withoutQualifierToken } from './search-qualifiers.ts';

describe('parseSearchQualifiers', () => {
  it('splits GitHub qualifiers from the text', () => {
    const parsed = parseSearchQualifiers('is:open memory leak is:pr label:bug author:alice');
    expect(parsed.text).toBe('memory leak');
    expect(parsed.filters).toEqual({ state: 'open', type: 'pr', labels: ['bug'], author: 'alice' });
    expect(parsed.qualifiers.map((q) => q.token)).toEqual(['is:open', 'is:pr', 'label:bug', 'author:alice']);
    expect(parsed.sort).toBeNull();
  });

  it('reads quoted values, and repeated labels all apply', () => {
    const parsed = parseSearchQualifiers('label:"good first issue" crash label:bug label:bug');
    expect(parsed.filters.labels).toEqual(['good first issue', 'bug']);
    expect(parsed.text).toBe('crash');
    expect(parsed.qualifiers[0]).toEqual({
      name: 'label',
      value: 'good first issue',
      token: 'label:"good first issue"',
    });
  });

  it('understands assignee, no:, -label:, state:, repo: and Loupe facets', () => {
    const parsed = parseSearchQualifiers(
      'assignee:Bob no:assignee no:label -label:wontfix state:closed repo:octo/client type:bug difficulty:EASY concept:message-queues',
    );
    expect(parsed.text).toBe('');
    expect(parsed.filters).toEqual({
      assignee: 'Bob',
      noAssignee: true,
      noLabel: true,
      excludedLabels: ['wontfix'],
      state: 'closed',
      repo: 'octo/client',
      issueType: 'bug',
      difficulty: 'easy',
      concept: 'message-queues',
    });
    expect(parsed.qualifiers.map((q) => q.name)).toEqual([
      'assignee',
      'no',
      'no',
      '-label',
      'state',
      'repo',
      'type',
      'difficulty',
      'concept',
    ]);
  });

  it("maps GitHub's sorts onto Loupe's and refuses the ones Loupe does not have", () => {
    expect(parseSearchQualifiers('sort:updated-desc x').sort).toBe('updated');
    expect(parseSearchQualifiers('sort:created-desc').sort).toBe('created');
    expect(() => parseSearchQualifiers('sort:comments-desc')).toThrow(/does not sort that way.*updated-desc/);
    expect(() => parseSearchQualifiers('sort:constructor')).toThrow(
      /sort:constructor is not a valid qualifier/,
    );
  });

  it('leaves unknown word:value tokens, URLs and C++ scopes as text', () => {
    const text = 'see https://example.com/a:b std::vector crash foo:bar -x';
    const parsed = parseSearchQualifiers(text);
    expect(parsed.text).toBe(text);
    expect(parsed.qualifiers).toEqual([]);
    // A qualifier name inside a word is not a qualifier either.
    expect(parseSearchQualifiers('this:open').qualifiers).toEqual([]);
    expect(parseSearchQualifiers('-is:open').text).toBe('-is:open');
  });

  it('names the allowed values when a known qualifier has a bad one', () => {
    const error = (() => {
      try {
        parseSearchQualifiers('is:banana leak');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).code).toBe('INVALID_INPUT');
    expect((error as LoupeError).message).toBe(
      'is:banana is not a valid qualifier: is: takes open, closed, issue, pr',
    );
    expect(() => parseSearchQualifiers('no:milestone')).toThrow(/no: takes assignee, label/);
    expect(() => parseSearchQualifiers('difficulty:extreme')).toThrow(/easy, medium, hard/);
    expect(() => parseSearchQualifiers('repo:nope')).toThrow(/owner\/name/);
    expect(() => parseSearchQualifiers('label:')).toThrow(/label: takes a label name/);
  });

  it('removes a qualifier from the text by its whole token', () => {
    expect(withoutQualifierToken('label:bugfix  crash label:bug', 'label:bug')).toBe('label:bugfix crash');
    expect(withoutQualifierToken('a label:"good first issue" b', 'label:"good first issue"')).toBe('a b');
    expect(withoutQualifierToken('is:open', 'is:open')).toBe('');
  });
});
