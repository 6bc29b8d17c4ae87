import { createMemoryAdapter } from 'oidc-provider/lib/adapters/memory_adapter.js';
import { vi } from 'vitest';
import { describeOidcAdapterContract } from './adapter-contract.ts';

/**
 * The contract run against oidc-provider's own reference adapter: it proves that the contract describes the
 * engine's expectations and not our adapter's habits. The memory adapter reads the time from `Date.now()` and has
 * no clock option, so the contract's clock drives a faked `Date` (timers stay real).
 */
describeOidcAdapterContract(
  'oidc-provider reference memory adapter',
  () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Math.floor(Date.now() / 1000) * 1000 });
    return {
      adapterFor: createMemoryAdapter(),
      clock: {
        now: () => Date.now(),
        advance: (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000),
      },
      tearDown: () => {
        vi.useRealTimers();
      },
    };
  },
  // Its consume is a plain property write: concurrent callers all "succeed".
  { exclusiveConsume: false },
);
