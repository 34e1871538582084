export * from './roles';
export * from './api-key';
export * from './api-key.store';
export * from './api-keys';
export * from './auth.guard';
export * from './auth.module';
export * from './security-database';
export * from './audit-log';
