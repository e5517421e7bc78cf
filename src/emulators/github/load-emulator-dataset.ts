/**
 * Reads an emulator dataset from a JSON file (format: README.md in this folder) and checks the
 * references a hand-written file most often gets wrong, listing every problem at once.
 */
import { readFile } from 'node:fs/promises';
import type { EmulatorDataset } from './dataset.types.ts';

const LISTS = ['users', 'repos', 'labels', 'milestones', 'issues', 'comments'] as const;

/** Problems with a parsed dataset; empty when it is usable. */
export function checkEmulatorDataset(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return ['the dataset must be a JSON object'];
  const d = value as Record<string, unknown>;
  const problems: string[] = [];
  if (d.version !== 1) problems.push(`"version" must be 1 (got ${JSON.stringify(d.version)})`);
  if (typeof d.viewer !== 'string') problems.push('"viewer" must be a login (string)');
  for (const key of LISTS) if (!Array.isArray(d[key])) problems.push(`"${key}" must be an array`);
  if (problems.length > 0) return problems;
  const ds = value as EmulatorDataset;
  const users = new Set(ds.users.map((u) => u.login.toLowerCase()));
  const repos = new Set(ds.repos.map((r) => `${r.owner}/${r.name}`.toLowerCase()));
  for (const r of ds.repos)
    if (!users.has(r.owner.toLowerCase()))
      problems.push(`repo ${r.owner}/${r.name}: owner "${r.owner}" is not in users`);
  const issueKeys = new Set<string>();
  for (const i of ds.issues) {
    const key = `${i.repo}#${i.number}`.toLowerCase();
    if (!repos.has(i.repo.toLowerCase())) problems.push(`issue ${i.repo}#${i.number}: unknown repo`);
    if (issueKeys.has(key)) problems.push(`issue ${i.repo}#${i.number}: duplicate number`);
    issueKeys.add(key);
  }
  for (const c of ds.comments) {
    if (!issueKeys.has(`${c.repo}#${c.issueNumber}`.toLowerCase()))
      problems.push(`comment ${c.id}: no issue ${c.repo}#${c.issueNumber}`);
  }
  for (const l of [...ds.labels, ...ds.milestones])
    if (!repos.has(l.repo.toLowerCase())) problems.push(`label/milestone ${l.id}: unknown repo ${l.repo}`);
  return problems.slice(0, 20);
}

/** Loads and checks a dataset file; throws with every problem found. */
export async function loadEmulatorDataset(path: string): Promise<EmulatorDataset> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read emulator dataset ${path}: ${(error as Error).message}`);
  }
  const problems = checkEmulatorDataset(parsed);
  if (problems.length > 0) throw new Error(`Invalid emulator dataset ${path}:\n- ${problems.join('\n- ')}`);
  return parsed as EmulatorDataset;
}
