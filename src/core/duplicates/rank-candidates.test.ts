import { describe, expect, it } from 'vitest';
import { buildCorpusStats } from './corpus-stats.ts';
import { rankDuplicateCandidates } from './rank-candidates.ts';
import type { DuplicateCandidateInput } from './rank-candidates.ts';

const QUERY = {
  id: 'q',
  text: {
    title: 'DataNode crashes with NullPointerException in BlockPoolSlice.getVolumeMap',
    body: `After upgrading to 3.3.4 the datanode dies on startup.
java.lang.NullPointerException
	at org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.BlockPoolSlice.getVolumeMap(BlockPoolSlice.java:455)
	at org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.FsVolumeImpl.getVolumeMap(FsVolumeImpl.java:981)`,
  },
};

const RE_REPORT: DuplicateCandidateInput = {
  id: 'dup',
  text: {
    title: 'NPE when DataNode starts: BlockPoolSlice volume map',
    body: `Datanode fails to start on 3.3.4.
Exception in thread "main" java.lang.NullPointerException
	at org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.BlockPoolSlice.getVolumeMap(BlockPoolSlice.java:449)
	at org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.FsVolumeImpl.getVolumeMap(FsVolumeImpl.java:970)`,
  },
};

const UNRELATED: DuplicateCandidateInput[] = [
  {
    id: 'u1',
    text: {
      title: 'Improve documentation of the S3A committer',
      body: 'The docs for magic committer are out of date for 3.3.4.',
    },
  },
  {
    id: 'u2',
    text: {
      title: 'YARN web UI shows wrong memory usage',
      body: 'ResourceManager UI reports negative memory for queues.',
    },
  },
  {
    id: 'u3',
    text: {
      title: 'Datanode disk balancer plan is ignored',
      body: 'diskbalancer -plan writes a plan that is never executed by the datanode.',
    },
  },
];

const STATS = buildCorpusStats([QUERY.text, RE_REPORT.text, ...UNRELATED.map((c) => c.text)]);

describe('rankDuplicateCandidates', () => {
  it('puts a true re-report above unrelated issues and explains why', () => {
    const ranked = rankDuplicateCandidates(QUERY, [...UNRELATED, RE_REPORT], { corpusStats: STATS });
    expect(ranked.map((c) => c.id)[0]).toBe('dup');
    const top = ranked[0];
    expect(top?.score).toBeGreaterThan(ranked[1]?.score ?? 1);
    const kinds = top?.evidence.map((e) => e.kind) ?? [];
    expect(kinds).toEqual(expect.arrayContaining(['stack-frame', 'error-message', 'title']));
    const frame = top?.evidence.find((e) => e.kind === 'stack-frame');
    expect(frame?.detail).toContain(
      'org.apache.hadoop.hdfs.server.datanode.fsdataset.impl.BlockPoolSlice.getVolumeMap',
    );
    const error = top?.evidence.find((e) => e.kind === 'error-message');
    expect(error?.detail).toMatch(/NullPointerException" at org\.apache\.hadoop\.hdfs/);
    // Evidence is ordered strongest first.
    const weights = top?.evidence.map((e) => e.weight) ?? [];
    expect([...weights].sort((a, b) => b - a)).toEqual(weights);
  });

  it('works without corpus statistics', () => {
    expect(rankDuplicateCandidates(QUERY, [...UNRELATED, RE_REPORT])[0]?.id).toBe('dup');
  });

  it('is deterministic and independent of input order', () => {
    const a = rankDuplicateCandidates(QUERY, [RE_REPORT, ...UNRELATED], { corpusStats: STATS });
    const b = rankDuplicateCandidates(QUERY, [...UNRELATED].reverse().concat(RE_REPORT), {
      corpusStats: STATS,
    });
    expect(b).toEqual(a);
  });

  it('keeps scores in 0..1, honours limit, drops the query itself and repeated ids', () => {
    const ranked = rankDuplicateCandidates(
      QUERY,
      [{ id: 'q', text: QUERY.text }, RE_REPORT, RE_REPORT, ...UNRELATED],
      { limit: 2 },
    );
    expect(ranked.map((c) => c.id)).not.toContain('q');
    expect(ranked).toHaveLength(2);
    for (const c of ranked) {
      expect(c.score).toBeGreaterThanOrEqual(0);
      expect(c.score).toBeLessThanOrEqual(1);
    }
    expect(rankDuplicateCandidates(QUERY, [RE_REPORT, RE_REPORT])).toHaveLength(1);
  });

  it('handles empty bodies, empty candidate lists and huge bodies', () => {
    expect(rankDuplicateCandidates(QUERY, [])).toEqual([]);
    const empty = rankDuplicateCandidates({ id: 'e', text: { title: '', body: '' } }, UNRELATED);
    expect(empty).toHaveLength(3);
    for (const c of empty) expect(c.evidence).toEqual([]);
    const huge = {
      id: 'h',
      text: {
        title: RE_REPORT.text.title,
        body: `${RE_REPORT.text.body}\n${'INFO heartbeat ok from node\n'.repeat(40_000)}`,
      },
    };
    const started = performance.now();
    const ranked = rankDuplicateCandidates(QUERY, [...UNRELATED, huge]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(ranked[0]?.id).toBe('h');
  });

  it('uses the retrieval score and creation dates when given', () => {
    const twins: DuplicateCandidateInput[] = [
      { id: 'a', text: UNRELATED[0]?.text ?? QUERY.text, retrievalScore: 0.1 },
      { id: 'b', text: UNRELATED[0]?.text ?? QUERY.text, retrievalScore: 0.9 },
    ];
    expect(rankDuplicateCandidates(QUERY, twins)[0]?.id).toBe('b');
    const dated: DuplicateCandidateInput[] = [
      { id: 'old', text: UNRELATED[0]?.text ?? QUERY.text, createdAt: '2020-01-01T00:00:00Z' },
      { id: 'recent', text: UNRELATED[0]?.text ?? QUERY.text, createdAt: '2023-05-30T00:00:00Z' },
    ];
    expect(rankDuplicateCandidates({ ...QUERY, createdAt: '2023-06-01T00:00:00Z' }, dated)[0]?.id).toBe(
      'recent',
    );
  });
});
