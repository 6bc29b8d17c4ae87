import { jsonResponse, serviceUnavailable } from '@platform/http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What a table marker says: written once when the table is bootstrapped. */
export interface TableMarker {
  readonly context: string;
  readonly createdAt: string;
}

export interface HealthDependencies {
  readonly context: string;
  readonly tableName: string;
  /** Strongly consistent read of the table marker; resolves `undefined` when the table has none. */
  readonly readTableMarker: () => Promise<TableMarker | undefined>;
  readonly now: () => number;
}

/**
 * Liveness plus a storage round trip: a 200 proves that this function can read its own table right now.
 * A storage failure is a 503 problem with a retry hint, so load balancers and people see the same thing.
 */
export const createHealthHandler =
  (deps: HealthDependencies) => async (): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = deps.now();
    let marker: TableMarker | undefined;
    try {
      marker = await deps.readTableMarker();
    } catch {
      throw serviceUnavailable('storage_unavailable', `The ${deps.context} table could not be read.`);
    }
    return jsonResponse(
      200,
      {
        status: 'ok',
        context: deps.context,
        storage: {
          table: deps.tableName,
          read: 'consistent',
          latencyMs: deps.now() - started,
          marker: marker ?? null,
        },
      },
      { 'cache-control': 'no-store' },
    );
  };
