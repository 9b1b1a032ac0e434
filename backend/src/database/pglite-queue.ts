/**
 * A fix for @electric-sql/pglite-socket 0.2.17, whose one query queue for all connections takes
 * protocol messages one at a time. An extended-protocol query (Parse, Bind, Describe, Execute,
 * then Sync — what `pg` sends for every query with parameters) from one connection could then be
 * interleaved with another connection's, which overwrites the unnamed statement or portal
 * ("portal \"\" does not exist") and, when PGlite throws, leaves the queue stuck for good: under
 * concurrent requests the embedded database hung. Here a connection that has started such a
 * sequence keeps the database until its Sync, as it already did for an open transaction.
 */

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueueInternals {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(
      message: Uint8Array,
      options: { onRawData(data: Uint8Array): void },
    ): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

/** Parse, Bind, Describe, Execute, Close, Flush: messages that a later Sync completes. */
const UNTIL_SYNC = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

export function serialiseExtendedQueries(server: object): void {
  const q = (server as { queryQueue?: QueueInternals }).queryQueue;
  if (!q || !Array.isArray(q.queue) || typeof q.clearTransactionIfNeeded !== 'function') {
    throw new Error('pglite-socket internals changed: review backend/src/database/pglite-queue.ts');
  }
  // The connection in the middle of an extended-protocol sequence, if any.
  let owner: number | null = null;

  q.processQueue = async function processQueue(): Promise<void> {
    if (q.processing) return;
    q.processing = true;
    try {
      while (q.queue.length > 0) {
        const holder = owner ?? (q.db.isInTransaction() ? q.lastHandlerId : null);
        const index = holder === null ? 0 : q.queue.findIndex((m) => m.handlerId === holder);
        if (index === -1) break; // wait for the holder's next message
        const [item] = q.queue.splice(index, 1);
        if (!item) break;
        let bytes = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          if (owner === item.handlerId) owner = null;
          item.reject(error);
          continue;
        }
        q.lastHandlerId = item.handlerId;
        owner = UNTIL_SYNC.has(item.message[0] ?? 0) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      q.processing = false;
    }
  };

  const clearTransaction = q.clearTransactionIfNeeded.bind(q);
  q.clearTransactionIfNeeded = async (handlerId: number): Promise<void> => {
    if (owner === handlerId) owner = null;
    await clearTransaction(handlerId);
    await q.processQueue();
  };
}
