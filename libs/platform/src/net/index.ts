export * from './public-address';
export * from './outbound-target';
