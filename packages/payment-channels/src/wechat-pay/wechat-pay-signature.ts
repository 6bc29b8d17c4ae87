import { createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * APIv3 signatures: SHA256withRSA, base64, over a message `Formatter` (wechatpay-axios-plugin) builds. Done with
 * node:crypto, as the plugin's own `Rsa` does, without the plugin's HTTP client (axios) that `Rsa` loads with it.
 */
const ALGORITHM = 'sha256WithRSAEncryption';

export const signMessage = (message: string, privateKey: KeyObject): string =>
  createSign(ALGORITHM).update(message).sign(privateKey, 'base64');

/** `false` for a signature that does not verify, and for one that is not even base64 of the right length. */
export const verifiesMessage = (message: string, signature: string, publicKey: KeyObject): boolean => {
  try {
    return createVerify(ALGORITHM).update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
};
