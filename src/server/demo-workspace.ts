import type { SqlClient } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import type { ReposService } from '../services/repos.service.ts';

/** The demo organisation is generated from this seed, so every start serves the same data. */
export const DEMO_SEED = 42;

/**
 * Makes the demo workspace available the honest way: the demo repositories are added like any other
 * and filled by the real sync job from the bundled emulator, never written straight into the store.
 */
export async function loadDemoWorkspace(deps: { db: SqlClient; repos: ReposService; emulatorUrl: string; repoNames: string[] }): Promise<void> {
  const store = createRepoRepository(deps.db);
  await store.repointDemoRepos(deps.emulatorUrl);
  for (const fullName of deps.repoNames) {
    const existing = await store.findByFullName(fullName);
    if (!existing) await deps.repos.add(fullName, { apiUrl: deps.emulatorUrl, isDemo: true });
    else if (existing.isDemo) await deps.repos.sync(existing.id);
  }
}
