import { describe, expect, it } from 'vitest';
import { seededRandom } from '../learn/index.ts';
import { buildCorpusStats } from './corpus-stats.ts';
import { PRIOR_RANKING_WEIGHTS } from './fit-ranking-weights.ts';
import { DEFAULT_RANKING_WEIGHTS, rankDuplicateCandidates } from './rank-candidates.ts';
import { learnTermAssociations } from './term-associations.ts';

const FILLER = ['please', 'look', 'today', 'again', 'report', 'seen', 'users', 'steps', 'version', 'screen'];
const TOPICS = [
  ['editor', 'formatting', 'indent'],
  ['login', 'password', 'session'],
  ['printing', 'margin', 'paper'],
  ['bookmark', 'folder', 'sidebar'],
  ['download', 'progress', 'network'],
  ['search', 'index', 'results'],
];

/**
 * An unlabelled tracker: some reports say "crash on save", others "NPE when writing the file", and
 * many say both ("crash ... NPE", "save ... writing"); the rest are about other topics.
 */
function tracker(): { title: string; body: string }[] {
  const random = seededRandom(3);
  const pick = (list: readonly string[]): string => list[Math.floor(random() * list.length)] as string;
  const filler = (n: number): string => Array.from({ length: n }, () => pick(FILLER)).join(' ');
  const out: { title: string; body: string }[] = [];
  for (let i = 0; i < 20; i++)
    out.push({
      title: `crash with npe on save ${filler(2)}`,
      body: `${filler(6)} saving writing file crash npe`,
    });
  for (let i = 0; i < 200; i++) {
    const topic = TOPICS[i % TOPICS.length] as string[];
    out.push({
      title: `${topic.join(' ')} ${filler(3)}`,
      body: `${filler(10)} ${topic.join(' ')} ${filler(5)}`,
    });
  }
  return out;
}

describe('learnTermAssociations', () => {
  it('links words that the corpus uses together, and not unrelated ones', () => {
    const associations = learnTermAssociations(tracker());
    const npe = associations.neighbours.get('npe')?.map(([w]) => w) ?? [];
    expect(npe).toContain('crash');
    expect(npe).not.toContain('password');
    for (const [, strength] of associations.neighbours.get('npe') ?? []) {
      expect(strength).toBeGreaterThan(0);
      expect(strength).toBeLessThanOrEqual(1);
    }
  });

  it('ranks a re-worded report of the same bug higher once the associations are known', () => {
    const corpus = tracker();
    const corpusStats = buildCorpusStats(corpus);
    const associations = learnTermAssociations(corpus);
    const query = { id: 'q', text: { title: 'Crash on save', body: 'The editor crashes when I save.' } };
    const candidates = [
      {
        id: 'reworded',
        text: { title: 'NPE when writing file', body: 'NullPointerException while writing.' },
      },
      {
        id: 'other',
        text: { title: 'Printing margin wrong', body: 'The paper margin is wrong when printing.' },
      },
    ];
    // The shipped weight of the feature is 0 (no gain measured on gitbugs); the prior's weight here.
    const weights = {
      ...DEFAULT_RANKING_WEIGHTS,
      weights: { ...DEFAULT_RANKING_WEIGHTS.weights, bridgedTitle: PRIOR_RANKING_WEIGHTS.bridgedTitle },
    };
    const without = rankDuplicateCandidates(query, candidates, { corpusStats, weights });
    const withBridges = rankDuplicateCandidates(query, candidates, { corpusStats, associations, weights });
    const score = (list: typeof without): number => list.find((c) => c.id === 'reworded')?.score ?? 0;
    expect(score(withBridges)).toBeGreaterThan(score(without));
    expect(withBridges[0]?.id).toBe('reworded');
    const related = withBridges[0]?.evidence.find((e) => e.detail.startsWith('related wording'));
    expect(related?.detail).toMatch(/crash ~ npe|save ~ writ/);
    // The unrelated report gains nothing.
    const other = (list: typeof without): number => list.find((c) => c.id === 'other')?.score ?? 0;
    expect(other(withBridges)).toBeCloseTo(other(without), 6);
  });
});
