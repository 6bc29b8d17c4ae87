import type {
  Aes as AesClass,
  Decorator as DecoratorClass,
  Formatter as FormatterClass,
  Rsa as RsaClass,
} from 'wechatpay-axios-plugin';
import AesModule from 'wechatpay-axios-plugin/lib/aes.js';
import DecoratorModule from 'wechatpay-axios-plugin/lib/decorator.js';
import FormatterModule from 'wechatpay-axios-plugin/lib/formatter.js';
import RsaModule from 'wechatpay-axios-plugin/lib/rsa.js';

/**
 * The pieces of `wechatpay-axios-plugin` the adapter uses, imported file by file. Its package root assigns
 * `module.exports.default` on a class that has only a `default` getter: ignored in sloppy CommonJS, a TypeError in the
 * strict ESM bundle a Lambda function runs. The types are the package's own.
 */
export const Aes = AesModule as unknown as typeof AesClass;
export const Decorator = DecoratorModule as unknown as typeof DecoratorClass;
export const Formatter = FormatterModule as unknown as typeof FormatterClass;
export const Rsa = RsaModule as unknown as typeof RsaClass;
