import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database.ts';
import type { Database } from './db.ts';
import { createWebhookDeliveryRepository } from './webhook-delivery.repository.ts';

describe('webhook deliveries', () => {
  let db: Database;
  const delivery = (deliveryId: string) => ({ deliveryId, event: 'issues', outcome: 'stored' });
  const count = async () =>
    (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries')).rows[0]!.n;

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  beforeEach(async () => {
    await db.exec('DELETE FROM webhook_deliveries');
  });
  afterAll(async () => db.close());

  it('claims an id once; the second claim reports when the first was received', async () => {
    expect(await createWebhookDeliveryRepository(db).claim(delivery('d-1'))).toEqual({ claimed: true });
    const again = await createWebhookDeliveryRepository(db).claim(delivery('d-1'));
    expect(again).toEqual({ claimed: false, firstReceivedAt: expect.any(String) });
    expect(Date.now() - Date.parse((again as { firstReceivedAt: string }).firstReceivedAt)).toBeLessThan(
      60_000,
    );
  });

  it('a claim rolled back with its transaction leaves no record', async () => {
    const failed = db.transaction(async (tx) => {
      await createWebhookDeliveryRepository(tx).claim(delivery('d-2'));
      throw new Error('a write after the claim failed');
    });
    await expect(failed).rejects.toThrow('a write after the claim failed');
    expect(await count()).toBe(0);
    expect(await db.transaction((tx) => createWebhookDeliveryRepository(tx).claim(delivery('d-2')))).toEqual({
      claimed: true,
    });
  });

  it('of two transactions claiming one id at once, exactly one wins (on PostgreSQL the second waits for the first)', async () => {
    const attempt = () =>
      db.transaction(async (tx) => {
        const claim = await createWebhookDeliveryRepository(tx).claim(delivery('d-3'));
        // Hold the transaction open a little, as the delivery's writes would.
        await new Promise((resolve) => setTimeout(resolve, 50));
        return claim.claimed;
      });
    const results = await Promise.all([attempt(), attempt()]);
    expect(results.sort()).toEqual([false, true]);
    expect(await count()).toBe(1);
  });

  it('each new record prunes at most 100 rows older than 30 days, and a duplicate prunes none', async () => {
    await db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event, received_at, outcome)
       SELECT 'old-' || i, 'issues', now() - interval '31 days' - i * interval '1 minute', 'stored' FROM generate_series(1, 150) i`,
    );
    await db.query(
      `INSERT INTO webhook_deliveries (delivery_id, event, received_at, outcome) VALUES ('recent', 'issues', now() - interval '29 days', 'stored')`,
    );
    expect(await createWebhookDeliveryRepository(db).claim(delivery('recent'))).toMatchObject({
      claimed: false,
    });
    expect(await count()).toBe(151);
    await createWebhookDeliveryRepository(db).claim(delivery('d-4'));
    expect(await count()).toBe(152 - 100);
    // Oldest first: what is left of the expired rows are the most recent of them.
    const left = await db.query<{ id: string }>(
      `SELECT delivery_id AS id FROM webhook_deliveries WHERE delivery_id LIKE 'old-%' ORDER BY received_at DESC LIMIT 1`,
    );
    expect(left.rows[0]?.id).toBe('old-1');
    await createWebhookDeliveryRepository(db).claim(delivery('d-5'));
    expect(
      (
        await db.query<{ id: string }>(
          'SELECT delivery_id AS id FROM webhook_deliveries ORDER BY delivery_id',
        )
      ).rows.map((r) => r.id),
    ).toEqual(['d-4', 'd-5', 'recent']);
  });
});
