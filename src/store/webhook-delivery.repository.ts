import type { SqlClient } from './db.ts';

/** Rows older than this are pruned; GitHub redelivers only deliveries of the last few days. */
export const WEBHOOK_DELIVERY_RETENTION_DAYS = 30;
/** At most this many expired rows go per recorded delivery, so pruning never makes one delivery slow. */
const PRUNE_BATCH = 100;

/** Claimed: apply the delivery. Not claimed: it was applied before (firstReceivedAt null if that record has just expired). */
export type DeliveryClaim = { claimed: true } | { claimed: false; firstReceivedAt: string | null };

/**
 * The webhook deliveries already applied, keyed by X-GitHub-Delivery. Call it with the transaction
 * that makes the delivery's writes, before them: the row and the writes commit or roll back together.
 */
export function createWebhookDeliveryRepository(db: SqlClient) {
  /**
   * Deletes up to PRUNE_BATCH rows past the retention, oldest first, through the received_at index
   * (an empty range scan when nothing expired). SKIP LOCKED: two deliveries pruning at once take
   * different rows instead of waiting on each other. Returns how many went.
   */
  async function prune(): Promise<number> {
    const result = await db.query<{ delivery_id: string }>(
      `DELETE FROM webhook_deliveries WHERE delivery_id IN (
         SELECT delivery_id FROM webhook_deliveries
         WHERE received_at < now() - make_interval(days => $1)
         ORDER BY received_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING delivery_id`,
      [WEBHOOK_DELIVERY_RETENTION_DAYS, PRUNE_BATCH],
    );
    return result.rows.length;
  }

  return {
    /**
     * Records a delivery id, or reports that it was recorded before (then apply nothing). On
     * PostgreSQL a concurrent transaction claiming the same id waits on the primary key until this
     * one ends, then sees the row: two API processes never both apply one delivery. Each new record
     * prunes a bounded batch of expired ones; a duplicate writes nothing.
     */
    async claim(delivery: { deliveryId: string; event: string; outcome: string }): Promise<DeliveryClaim> {
      const inserted = await db.query(
        `INSERT INTO webhook_deliveries (delivery_id, event, outcome) VALUES ($1, $2, $3)
         ON CONFLICT (delivery_id) DO NOTHING RETURNING delivery_id`,
        [delivery.deliveryId, delivery.event, delivery.outcome],
      );
      if (inserted.rows.length > 0) {
        await prune();
        return { claimed: true };
      }
      const first = await db.query<{ receivedAt: string }>(
        'SELECT received_at AS "receivedAt" FROM webhook_deliveries WHERE delivery_id = $1',
        [delivery.deliveryId],
      );
      return { claimed: false, firstReceivedAt: first.rows[0]?.receivedAt ?? null };
    },

    prune,
  };
}

export type WebhookDeliveryRepository = ReturnType<typeof createWebhookDeliveryRepository>;
