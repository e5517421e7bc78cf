import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import { testIssue } from '../../test/issue-fixture.ts';
import type { Issue } from '../core/issue.ts';
import { createReposService } from '../services/repos.service.ts';
import type { Database } from '../store/db.ts';
import { createEventRepository } from '../store/event.repository.ts';
import { createIssueRepository } from '../store/issue.repository.ts';
import { createRepoRepository } from '../store/repo.repository.ts';
import { refreshSearchTerms } from '../store/search.repository.ts';
import { searchLexiconConsumer } from './event-consumers.ts';

const issue = (repo: string, title: string): Issue =>
  testIssue(
    1,
    {
      externalId: `${repo}#1`,
      title,
      author: null,
      authorAssociation: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-02T00:00:00.000Z',
    },
    repo,
  );

describe('search-lexicon consumer', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => db?.close());

  const words = async () =>
    (await db.query<{ word: string }>('SELECT word FROM search_terms ORDER BY word')).rows.map((r) => r.word);

  it('drops the words only a removed repository used, on its container.removed event', async () => {
    const repos = createRepoRepository(db);
    const gone = (await repos.add({ owner: 'acme', name: 'parser', apiUrl: 'http://127.0.0.1:1' })).repo;
    const kept = (await repos.add({ owner: 'acme', name: 'docs', apiUrl: 'http://127.0.0.1:1' })).repo;
    await createIssueRepository(db).upsertIssues(gone.id, [
      issue(gone.fullName, 'quixotic tokenizer overflow'),
    ]);
    await createIssueRepository(db).upsertIssues(kept.id, [
      issue(kept.fullName, 'tokenizer documentation typo'),
    ]);
    await refreshSearchTerms(db);
    expect(await words()).toEqual(
      expect.arrayContaining(['quixotic', 'overflow', 'tokenizer', 'documentation']),
    );

    await createReposService({
      db,
      sources: {
        get: () => {
          throw new Error('not asked');
        },
      },
      githubApiUrl: 'http://127.0.0.1:1',
    }).remove(1, gone.id);
    const { events } = await createEventRepository(db).list({
      after: 0,
      limit: 10,
      types: ['container.removed'],
    });
    await searchLexiconConsumer({ db }).handle(events);

    const after = await words();
    expect(after).toEqual(expect.arrayContaining(['tokenizer', 'documentation', 'typo']));
    expect(after).not.toContain('quixotic');
    expect(after).not.toContain('overflow');
  });
});
