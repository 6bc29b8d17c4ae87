// The port

// Alipay: adapter, wire conversions, and the local open-platform simulator
export * from './alipay/alipay-channel.ts';
export * from './alipay/alipay-notification.ts';
export * from './alipay/shanghai-time.ts';
export * from './alipay/simulator/alipay-simulator.ts';
export * from './alipay/simulator/simulated-alipay-users.ts';
export * from './alipay/simulator/simulator-keys.ts';
export * from './alipay/simulator/user-authorisation.ts';
export * from './alipay/trade-bill-format.ts';
export * from './alipay/yuan-amount.ts';
export * from './channel/business-date.ts';
export * from './channel/capabilities.ts';
export * from './channel/channel-errors.ts';
export * from './channel/clock.ts';
export * from './channel/loopback-server.ts';
export * from './channel/payment-channel.ts';
// Sandbox: adapter, the sandbox channel server, its magic values and statement format
export * from './sandbox/sandbox-channel.ts';
export * from './sandbox/sandbox-channel-server.ts';
export * from './sandbox/sandbox-magic.ts';
export * from './sandbox/sandbox-notification.ts';
export * from './sandbox/sandbox-order.ts';
export * from './sandbox/sandbox-statement.ts';
export * from './sandbox/sandbox-store.ts';
// WeChat Pay v3: adapter, notifications, RFC 3339 times, and the local APIv3 simulator
export * from './wechat-pay/simulator/simulator-keys.ts';
export * from './wechat-pay/simulator/wechat-pay-simulator.ts';
export * from './wechat-pay/trade-bill-format.ts';
export * from './wechat-pay/wechat-pay-channel.ts';
export * from './wechat-pay/wechat-pay-notification.ts';
export * from './wechat-pay/wechat-pay-time.ts';
