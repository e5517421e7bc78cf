import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchArgs, benchUsage } from './bench-support.ts';

describe('bench arguments', () => {
  it('reads --name value pairs and bare flags', () => {
    expect([...benchArgs(['--issues', '500', '--keep-db', '--engine', 'pglite'])]).toEqual([
      ['issues', '500'],
      ['keep-db', 'true'],
      ['engine', 'pglite'],
    ]);
  });

  it("prints a script's usage from its leading // lines or its block comment", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-usage-'));
    await writeFile(
      path.join(dir, 'a.ts'),
      '// npm run bench:a [-- --n 5]\n// Times a.\nimport x from "y";\n// not usage\n',
    );
    await writeFile(
      path.join(dir, 'b.ts'),
      '/**\n * B benchmark.\n * Second line.\n */\nimport x from "y";\n',
    );
    expect(benchUsage(path.join(dir, 'a.ts'))).toBe('npm run bench:a [-- --n 5]\nTimes a.');
    expect(benchUsage(path.join(dir, 'b.ts'))).toBe('B benchmark.\nSecond line.');
    expect(benchUsage(path.join(dir, 'missing.ts'))).toMatch(/see the comment at the top/);
  });
});
