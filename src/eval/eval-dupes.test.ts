import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoupeError } from '../core/errors.ts';
import { seededRandom } from '../core/learn/index.ts';
import { dupesMetrics, evalDupes, pairQueries } from './eval-dupes.ts';
import type { DupesReport } from './eval-dupes.ts';

const TOPICS = [
  'namenode heartbeat timeout',
  'yarn scheduler preemption',
  'kerberos ticket renewal',
  'datanode disk balancer',
  'mapreduce shuffle fetch',
  'hdfs snapshot diff',
  'webhdfs redirect port',
  'zookeeper failover controller',
  'erasure coding decoder',
  's3a multipart upload',
  'azure blob lease',
  'distcp checksum mismatch',
];
const FILLER = [
  'cluster',
  'node',
  'server',
  'client',
  'config',
  'job',
  'task',
  'report',
  'users',
  'logs',
  'value',
  'option',
];

/**
 * 48 Jira-style reports, 4 per topic; each topic's first and last report form a pair, with the
 * later one quoting the same distinctive exception. Dates increase with the id.
 */
function makeReports(): string {
  const random = seededRandom(9);
  const pick = (list: string[]): string => list[Math.floor(random() * list.length)] as string;
  const rows = ['Summary,Issue id,Status,Resolution,Created,Description'];
  for (let i = 0; i < 48; i++) {
    const t = i % 12;
    const topic = TOPICS[t] as string;
    const dup = i >= 36;
    const error = dup || i < 12 ? ` java.lang.IllegalStateException: ${topic.replace(/ /g, '')}Failed` : '';
    const summary = `${topic} ${pick(FILLER)} ${pick(FILLER)}`;
    const body = `${Array.from({ length: 15 }, () => pick(FILLER)).join(' ')} ${topic}${error}`;
    const day = String(1 + Math.floor(i / 2)).padStart(2, '0');
    rows.push(
      [
        summary,
        String(1000 + i),
        'Resolved',
        dup ? 'Duplicate' : 'Fixed',
        `${day}/Mar/21 10:${String(i).padStart(2, '0')}`,
        body,
      ]
        .map((f) => `"${f}"`)
        .join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('evalDupes', () => {
  let dir: string;
  let reports: string;
  let pairs: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'loupe-eval-dupes-'));
    reports = path.join(dir, 'reports.csv');
    pairs = path.join(dir, 'pairs.csv');
    await writeFile(reports, makeReports());
    // Both directions for most pairs, as gitbugs lists them, plus a row naming a missing report.
    const links = Array.from({ length: 12 }, (_, t) => [
      `${1036 + t},${1000 + t}`,
      `${1000 + t},${1036 + t}`,
    ]).flat();
    await writeFile(pairs, ['Issue id,Duplicate id', ...links, '1999,1001'].join('\n'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds the earlier partner of each pair and reports both methods on the same queries', async () => {
    const result = await evalDupes({ reportsPath: reports, pairsPath: pairs });
    expect(result.reports).toBe(48);
    expect(result.queries).toBe(12);
    expect(result.pairsSkipped).toBe(1);
    expect(result.datesKnown).toBe(true);
    expect(result.loupe.rr10).toBe(1);
    expect(result.loupe.rr1).toBeGreaterThan(0.8);
    for (const m of [result.loupe, result.baseline, result.retrieval]) {
      expect(m.queries).toBe(12);
      expect(m.rr1).toBeLessThanOrEqual(m.rr5);
      expect(m.rr5).toBeLessThanOrEqual(m.rr10);
      expect(m.map).toBeGreaterThanOrEqual(m.rr1);
      expect(m.map).toBeLessThanOrEqual(1);
    }
    const again = await evalDupes({ reportsPath: reports, pairsPath: pairs });
    expect(again).toEqual(result);
  });

  it('refuses pairs that name no indexed report', async () => {
    const none = path.join(dir, 'none.csv');
    await writeFile(none, 'Issue id,Duplicate id\n1,2\n');
    await expect(evalDupes({ reportsPath: reports, pairsPath: none })).rejects.toBeInstanceOf(LoupeError);
  });
});

const report = (id: string, createdAt: string | null, resolution: string | null = null): DupesReport => ({
  id,
  ordinal: Number(id),
  title: id,
  body: '',
  createdAt,
  resolution,
  internalId: Number(id),
});

describe('pairQueries', () => {
  it('queries with the later report, once per unordered pair, in a stable order', () => {
    const reports = new Map([
      ['1', report('1', '2021-01-01T00:00:00.000Z')],
      ['2', report('2', '2021-02-01T00:00:00.000Z')],
      ['3', report('3', '2020-01-01T00:00:00.000Z')],
    ]);
    const { queries, pairsSkipped } = pairQueries(
      [
        ['1', '2'],
        ['2', '1'],
        ['3', '1'],
        ['1', '1'],
        ['4', '1'],
      ],
      reports,
      true,
    );
    expect(queries.map((q) => [q.query.id, q.targetId])).toEqual([
      ['2', '1'],
      ['1', '3'],
    ]);
    expect(pairsSkipped).toBe(2);
  });

  it('falls back to the Duplicate resolution, then the first column, without dates', () => {
    const reports = new Map([
      ['1', report('1', null)],
      ['2', report('2', null, 'Duplicate')],
      ['3', report('3', null)],
    ]);
    const { queries } = pairQueries(
      [
        ['1', '2'],
        ['3', '1'],
      ],
      reports,
      false,
    );
    expect(queries.map((q) => [q.query.id, q.targetId])).toEqual([
      ['2', '1'],
      ['3', '1'],
    ]);
  });
});

describe('dupesMetrics', () => {
  it('computes recall-rate@k and MAP from the partner positions', () => {
    const q = (targetId: string) => ({ query: report('9', null), targetId });
    const m = dupesMetrics([['a', 'x'], ['y', 'z', 'b'], ['c']], [q('x'), q('b'), q('missing')]);
    expect(m).toEqual({ rr1: 0, rr5: 2 / 3, rr10: 2 / 3, map: (1 / 2 + 1 / 3) / 3, queries: 3 });
  });
});
