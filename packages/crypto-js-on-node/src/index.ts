import { AES } from './aes.ts';
import { Base64, Hex, Utf8 } from './encoders.ts';

/**
 * What alipay-sdk imports from `crypto-js` (`import CryptoJS from 'crypto-js'`: `CryptoJS.enc.Hex`, `.Base64`, `.Utf8`,
 * `CryptoJS.AES`). The root package.json's `overrides` install this package as alipay-sdk's `crypto-js`, in tests,
 * the local runtime and the Lambda bundles alike.
 */
export { AES, CipherParams, UnsupportedCryptoJsUseError } from './aes.ts';
export { Base64, Hex, Utf8 } from './encoders.ts';
export { type Encoder, WordArray } from './word-array.ts';

export default { AES, enc: { Hex, Base64, Utf8 } };
