import { describe, expect, it } from 'vitest';
import { typeFromLabel, typeFromLabels } from './type-from-labels.ts';

describe('typeFromLabels', () => {
  it.each([
    ['bug', 'bug'],
    ['Type: Bug', 'bug'],
    ['🐛 Bug Report', 'bug'],
    ['kind/feature', 'feature'],
    ['enhancement', 'feature'],
    ['Feature-Request', 'feature'],
    ['dataset request', 'feature'],
    ['question', 'question'],
    ['type: support', 'question'],
    ['docs', 'docs'],
    ['documentation', 'docs'],
    ['area/ci', 'chore'],
    ['chore', 'chore'],
    ['kind/cleanup', 'chore'],
  ])('maps %s to %s', (label, type) => {
    expect(typeFromLabel(label)).toBe(type);
  });

  it.each(['not a bug', 'bug-bounty', 'good first issue', 'help wanted', 'pull request', 'wontfix'])(
    'does not map %s',
    (label) => expect(typeFromLabel(label)).toBeNull(),
  );

  it('prefers bug over feature over question over docs over chore', () => {
    expect(typeFromLabels(['documentation', 'bug'])).toBe('bug');
    expect(typeFromLabels(['question', 'enhancement'])).toBe('feature');
    expect(typeFromLabels(['chore', 'docs', 'priority: high'])).toBe('docs');
    expect(typeFromLabels(['good first issue'])).toBeNull();
    expect(typeFromLabels([])).toBeNull();
  });
});
