import type { Rsa as RsaClass } from 'wechatpay-axios-plugin';
import RsaModule from 'wechatpay-axios-plugin/lib/rsa.js';

/**
 * The plugin's `Rsa`, for tests that check the simulator against the library. Not in `wechatpay-library.ts`, which
 * the adapter loads: `Rsa` loads the plugin's utils, and with them axios.
 */
export const Rsa = RsaModule as unknown as typeof RsaClass;
