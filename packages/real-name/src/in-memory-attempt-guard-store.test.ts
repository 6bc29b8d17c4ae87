import { describeAttemptGuardStoreContract } from './attempt-guard-store.contract.ts';
import { createInMemoryAttemptGuardStore } from './in-memory-attempt-guard-store.ts';

describeAttemptGuardStoreContract('in memory', createInMemoryAttemptGuardStore);
