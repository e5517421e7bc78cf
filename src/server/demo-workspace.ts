import { DEMO_WORKSPACE_ID } from '../store/access.repository.ts';
import type { SqlClient } from '../store/db.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import type { ReposService } from '../services/repos.service.ts';

/** The demo organisation is generated from this seed, so every start serves the same data. */
export const DEMO_SEED = 42;

/**
 * Makes the demo workspace (its own workspace, 'demo') available the honest way: the demo repositories are added like any other
 * and filled by the real sync job from the bundled emulator, never written straight into the store.
 */
export async function loadDemoWorkspace(deps: {
  db: SqlClient;
  repos: ReposService;
  emulatorUrl: string;
  repoNames: string[];
}): Promise<void> {
  const store = createRepoRepository(deps.db);
  await store.repointDemoRepos(deps.emulatorUrl);
  for (const fullName of deps.repoNames) {
    const existing = await store.findByFullName(fullName, DEMO_WORKSPACE_ID);
    if (!existing)
      await deps.repos.add(DEMO_WORKSPACE_ID, fullName, { apiUrl: deps.emulatorUrl, isDemo: true });
    else if (existing.isDemo) await deps.repos.sync(DEMO_WORKSPACE_ID, existing.id);
  }
}
