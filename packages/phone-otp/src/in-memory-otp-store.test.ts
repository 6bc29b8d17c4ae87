import { createInMemoryOtpStore } from './in-memory-otp-store.ts';
import { describeOtpStoreContract } from './otp-store.contract.ts';

describeOtpStoreContract('in memory', () => createInMemoryOtpStore());
