/**
 * A separate process that writes one webhook-style change (an issue and its item.created event) to
 * the PostgreSQL database named by argv[2], in one transaction, then prints the commit time. Used by
 * postgres-events.test.ts to prove another process sees the event at once.
 */
import { ingestItems } from '../../src/services/item-ingest.ts';
import { openDatabase } from '../../src/store/db.ts';
import { testIssue } from '../issue-fixture.ts';

const [url, repoId, number] = process.argv.slice(2);
if (!url || !repoId || !number) throw new Error('usage: event-writer.script.ts DATABASE_URL REPO_ID NUMBER');
const db = await openDatabase({ engine: 'postgres', url, poolSize: 1 });
const now = new Date().toISOString();
const { lastEventId } = await db.transaction((tx) =>
  ingestItems(tx, 'webhook', async (writer) => ({
    written: await writer.upsertIssues(Number(repoId), [
      testIssue(
        Number(number),
        {
          externalId: `x${number}`,
          title: 'Written by another process',
          author: 'octocat',
          createdAt: now,
          updatedAt: now,
        },
        'acme/widgets',
      ),
    ]),
  })),
);
process.stdout.write(`${JSON.stringify({ lastEventId, committedAt: Date.now() })}\n`);
await db.close();
