/**
 * oidc-provider ships its reference in-memory adapter without types (and without an `exports` map, so the deep
 * import resolves). Only what the contract test uses is declared.
 */
declare module 'oidc-provider/lib/adapters/memory_adapter.js' {
  import type { Adapter } from 'oidc-provider';

  /** A factory with its own store: `(modelName) => adapter`. Expiry follows `Date.now()`. */
  export function createMemoryAdapter(clockTolerance?: number): (model: string) => Adapter;
}
