// Helpers for tests only (fixtures, isolation on shared services). Lint forbids importing this from non-test code.
export * from './ads.fixture';
export * from './isolation';
export * from './kafka-topic-reader';
export * from './feeds';
