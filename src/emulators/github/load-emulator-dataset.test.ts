import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEmulatorDataset } from './load-emulator-dataset.ts';
import { testDataset } from './test-dataset.fixture.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'loupe-emulator-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('loadEmulatorDataset', () => {
  it('round-trips a dataset written as JSON', async () => {
    const file = path.join(dir, 'ok.json');
    await writeFile(file, JSON.stringify(testDataset(3)));
    const loaded = await loadEmulatorDataset(file);
    expect(loaded.issues.map((i) => i.number)).toEqual([1, 2, 3]);
  });

  it('lists every problem of a broken file', async () => {
    const file = path.join(dir, 'bad.json');
    const ds = testDataset(3);
    ds.issues.push({ ...ds.issues[0]!, repo: 'acme/ghost' });
    ds.comments.push({ ...ds.comments[0]!, issueNumber: 42 });
    await writeFile(file, JSON.stringify(ds));
    await expect(loadEmulatorDataset(file)).rejects.toThrow(
      /issue acme\/ghost#1: unknown repo[\s\S]*comment 901: no issue acme\/widgets#42/,
    );
    await writeFile(file, '{"version": 2}');
    await expect(loadEmulatorDataset(file)).rejects.toThrow(
      /"version" must be 1[\s\S]*"issues" must be an array/,
    );
    await expect(loadEmulatorDataset(path.join(dir, 'missing.json'))).rejects.toThrow(
      /Cannot read emulator dataset/,
    );
  });
});
