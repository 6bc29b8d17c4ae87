export * from './api-gateway-event.ts';
export * from './enterprise-ca.ts';
export * from './errors.ts';
export * from './local-network.ts';
export * from './payment-channels.ts';
export * from './route-table.ts';
export * from './table-bootstrap.ts';
