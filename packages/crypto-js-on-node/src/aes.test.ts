import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AlipaySdk } from 'alipay-sdk';
import { describe, expect, it } from 'vitest';
import CryptoJS, { UnsupportedCryptoJsUseError } from './index.ts';

/**
 * Ciphertexts written by crypto-js 4.2.0 itself (`CryptoJS.AES.encrypt(text, CryptoJS.enc.Base64.parse(key),
 * { iv: CryptoJS.enc.Hex.parse('0…0') }).toString()`, the call alipay-sdk makes), before it was replaced here.
 */
const WRITTEN_BY_CRYPTO_JS = [
  ['aa4BtZ4tspm2wnXLb1ThQA==', '', 'crS01g4mS/AW/NUVPDUpMA=='],
  [
    'aa4BtZ4tspm2wnXLb1ThQA==',
    '{"code":"10000","msg":"Success"}',
    'zTYnI/31jI012psOfGN/g8xXYw9+hGee7uyfh8onPTCrysa/6BokySoKTjrAtAKL',
  ],
  [
    'aa4BtZ4tspm2wnXLb1ThQA==',
    '支付宝 aes 测试 0123456789abcdef',
    'Dv03SwEq5JfMQcDMugMCkqur7GA/FgXe0B/XzGivpH9K1IP0zC7lBRr32w62uwgu',
  ],
  ['aa4BtZ4tspm2wnXLb1ThQA==', 'xxxxxxxxxxxxxxxx', 'zUj0vFuXcmguxVqN9ZSGODsM68AVhKenVz4LtB7/Nps='],
  [
    'CQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJ',
    '支付宝 aes 测试 0123456789abcdef',
    'q0iFnFXxO3IRc8enURmpHNJNdGNp4mgB+E/RzxCKVPHvi2s0c+LX155JUuCp1ovq',
  ],
  [
    'BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc=',
    '{"code":"10000","msg":"Success"}',
    '94tYPIoPV4cNIrdsPqW+PwEPxCI1Ex6U0Ffd/nIz+gN8kJtTikIghmXtRCl6epp/',
  ],
] as const;

const IV = CryptoJS.enc.Hex.parse('00000000000000000000000000000000');

describe('AES as alipay-sdk calls it', () => {
  it.each(WRITTEN_BY_CRYPTO_JS)(
    'key %s: %j encrypts to what crypto-js wrote, and decrypts back',
    (key, text, written) => {
      const secret = CryptoJS.enc.Base64.parse(key);
      expect(CryptoJS.AES.encrypt(text, secret, { iv: IV }).toString()).toBe(written);
      expect(CryptoJS.AES.decrypt(written, secret, { iv: IV }).toString(CryptoJS.enc.Utf8)).toBe(text);
    },
  );

  it('decrypts with a wrong key to nothing rather than throwing, as crypto-js does (alipay-sdk then says 解密失败)', () => {
    const written = CryptoJS.AES.encrypt('{"a":1}', CryptoJS.enc.Base64.parse('aa4BtZ4tspm2wnXLb1ThQA=='), { iv: IV });
    const wrong = CryptoJS.enc.Base64.parse('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(CryptoJS.AES.decrypt(written.toString(), wrong, { iv: IV }).toString(CryptoJS.enc.Utf8)).toBe('');
  });

  it('reads bytes that are not UTF-8 as crypto-js does: by throwing “Malformed UTF-8 data”', () => {
    expect(() => CryptoJS.enc.Hex.parse('c328').toString(CryptoJS.enc.Utf8)).toThrow('Malformed UTF-8 data');
    expect(CryptoJS.enc.Hex.parse('c3a9').toString()).toBe('c3a9');
  });

  it('refuses a passphrase, another key size, options or a missing IV instead of guessing', () => {
    const key = CryptoJS.enc.Base64.parse('aa4BtZ4tspm2wnXLb1ThQA==');
    for (const use of [
      () => CryptoJS.AES.encrypt('x', 'passphrase' as never, { iv: IV }),
      () => CryptoJS.AES.encrypt('x', CryptoJS.enc.Hex.parse('00'.repeat(20)), { iv: IV }),
      () => CryptoJS.AES.encrypt('x', key, { iv: IV, mode: 'ECB' } as never),
      () => CryptoJS.AES.decrypt('AAAA', key, {} as never),
    ]) {
      expect(use).toThrow(UnsupportedCryptoJsUseError);
    }
  });

  it('is what alipay-sdk decrypts with (its encryptKey)', () => {
    const sdk = new AlipaySdk({
      appId: '2021000000000000',
      privateKey: 'unused',
      alipayPublicKey: 'unused',
      encryptKey: 'aa4BtZ4tspm2wnXLb1ThQA==',
    });
    expect(sdk.aesDecrypt('zTYnI/31jI012psOfGN/g8xXYw9+hGee7uyfh8onPTCrysa/6BokySoKTjrAtAKL')).toBe(
      '{"code":"10000","msg":"Success"}',
    );
    const alipaySdk = createRequire(import.meta.url).resolve('alipay-sdk');
    expect(realpathSync(createRequire(alipaySdk).resolve('crypto-js'))).toBe(
      realpathSync(new URL('./index.ts', import.meta.url)),
    );
  });
});
