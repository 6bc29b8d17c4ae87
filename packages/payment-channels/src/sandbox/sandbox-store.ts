import { type SandboxOrder, SandboxRefusal } from './sandbox-order.ts';

/**
 * Where the sandbox channel keeps its orders. `npm start` and the tests use the in-memory store. A durable store
 * (DynamoDB, for a deployed sandbox) implements `insert` as a put conditional on the number being absent, and `update`
 * as a write conditional on the version it read, retried on conflict. The rules stay in `sandbox-order.ts`.
 */
export interface SandboxStore {
  get(orderNumber: string): Promise<SandboxOrder | undefined>;
  /** Stores `order` unless its number exists. Returns the stored order and whether it is the one just given. */
  insert(order: SandboxOrder): Promise<{ readonly order: SandboxOrder; readonly inserted: boolean }>;
  /**
   * Replaces the order with `change(current)` atomically. `change` may throw a `SandboxRefusal`, and then nothing is
   * written. An unknown number is `ORDER_NOT_FOUND`.
   */
  update(orderNumber: string, change: (current: SandboxOrder) => SandboxOrder): Promise<SandboxOrder>;
  list(): Promise<readonly SandboxOrder[]>;
}

export const createInMemorySandboxStore = (): SandboxStore => {
  const orders = new Map<string, SandboxOrder>();
  return {
    get: async (orderNumber) => orders.get(orderNumber),
    insert: async (order) => {
      const existing = orders.get(order.orderNumber);
      if (existing) return { order: existing, inserted: false };
      orders.set(order.orderNumber, order);
      return { order, inserted: true };
    },
    // One synchronous read-change-write: nothing can interleave on one event loop.
    update: async (orderNumber, change) => {
      const current = orders.get(orderNumber);
      if (!current) throw new SandboxRefusal('ORDER_NOT_FOUND', `No order ${orderNumber}.`);
      const next = change(current);
      orders.set(orderNumber, next);
      return next;
    },
    list: async () => [...orders.values()],
  };
};
