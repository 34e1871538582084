export * from './address';
export * from './pinned-connect';
export * from './outbound-target';
