export { AlertsModule } from './alerts.module';
export { dataSourceOptions } from './database/data-source';
export { alertIdOf } from './ads/scored-ad.store';
export { API_OPERATIONS } from './openapi/api-operations';
