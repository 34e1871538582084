export * from './config/config';
export * from './logging/logger';
export * from './metrics/metrics';
export * from './health/health';
export * from './cache/cache';
export * from './bootstrap/platform.module';
export * from './bootstrap/bootstrap';
export * from './http/parse-request';
