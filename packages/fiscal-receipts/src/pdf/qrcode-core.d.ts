// The encoder of `qrcode` without its renderers (which bring pngjs): `create`, typed as the package types it.
declare module 'qrcode/lib/core/qrcode.js' {
  import type { create } from 'qrcode';

  const core: { create: typeof create };
  export default core;
}
