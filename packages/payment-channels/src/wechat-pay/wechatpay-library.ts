import type { Aes as AesClass, Formatter as FormatterClass } from 'wechatpay-axios-plugin';
import AesModule from 'wechatpay-axios-plugin/lib/aes.js';
import FormatterModule from 'wechatpay-axios-plugin/lib/formatter.js';

/**
 * The pieces of `wechatpay-axios-plugin` the adapter uses, imported file by file: the APIv3 message and Authorization
 * formats (`Formatter`) and AEAD_AES_256_GCM (`Aes`), neither of which loads axios. Its package root assigns
 * `module.exports.default` on a class that has only a `default` getter: ignored in sloppy CommonJS, a TypeError in the
 * strict ESM bundle a Lambda function runs. The types are the package's own.
 */
export const Aes = AesModule as unknown as typeof AesClass;
export const Formatter = FormatterModule as unknown as typeof FormatterClass;
