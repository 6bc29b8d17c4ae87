import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from './qr-code.ts';

describe('qrCodeSvg', () => {
  it('draws what the qrcode package’s own toString draws, with the id and label on its root', async () => {
    const content = 'weixin://wxpay/bizpayurl?pr=abc123&x=<y>';
    const expected = await QRCode.toString(content, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    const figure = (await qrCodeSvg(content, { zh: '扫码支付', en: 'Scan to pay' }, 'pay-qr')).toString();
    expect(figure).toContain(
      expected.replace(
        '<svg ',
        '<svg id="pay-qr" width="200" height="200" role="img" aria-label="扫码支付 Scan to pay" ',
      ),
    );
  });
});
