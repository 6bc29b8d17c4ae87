/**
 * The two steps of an Alipay round trip under the interaction's own path (so that its cookie comes along): Alipay
 * sends the browser back to `alipay-return`, served by the identity-payment-account function (a more specific route
 * than the provider's `/{proxy+}`); that function sends it on to `alipay-complete`, served by the provider.
 */
export const ALIPAY_RETURN_STEP = 'alipay-return';
export const ALIPAY_COMPLETE_STEP = 'alipay-complete';
