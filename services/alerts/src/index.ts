export { AlertsModule } from './alerts.module';
export { dataSourceOptions, migrate } from './database/data-source';
