import { ed25519 } from './ed25519.ts';

/**
 * What @fidm/x509 requires from `tweetnacl` (`require('tweetnacl').sign`). The root package.json's `overrides`
 * install this package as its `tweetnacl`, in tests, the local runtime and the Lambda bundles alike. `sign` is only
 * what @fidm/x509 calls: `sign.detached`, `sign.detached.verify`, `sign.keyPair.fromSeed`.
 */
export const sign = ed25519;

export default { sign };
