import { createInMemoryOperatorGrantStore } from './in-memory-operator-grant-store.ts';
import { describeOperatorGrantStoreContract } from './operator-grant-store.contract.ts';

describeOperatorGrantStoreContract('in memory', () => createInMemoryOperatorGrantStore());
