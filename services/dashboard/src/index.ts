export { DashboardModule, defaultBundleDirectory } from './dashboard.module';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './security-headers';
