export { AlertsModule } from './alerts.module';
export { dataSourceOptions } from './database/data-source';
