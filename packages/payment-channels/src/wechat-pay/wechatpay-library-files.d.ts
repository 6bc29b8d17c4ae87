// The plugin's individual files have no declarations of their own; `wechatpay-library.ts` gives them the package's types.
declare module 'wechatpay-axios-plugin/lib/aes.js' {
  const value: unknown;
  export default value;
}
declare module 'wechatpay-axios-plugin/lib/formatter.js' {
  const value: unknown;
  export default value;
}
declare module 'wechatpay-axios-plugin/lib/rsa.js' {
  const value: unknown;
  export default value;
}
