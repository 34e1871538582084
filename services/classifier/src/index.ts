export { ClassifierModule } from './classifier.module';
