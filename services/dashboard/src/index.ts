export { DashboardModule, defaultBundleDirectory } from './dashboard.module';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
export { startStandaloneDashboard, type StandaloneDashboard } from './standalone';
export { loadStandaloneConfig, type StandaloneDashboardConfig } from './standalone-config';
