export * from './message-bus';
export * from './delivery';
export * from './memory-bus';
export * from './kafka-bus';
export * from './nest/bus-transport';
export * from './nest/publisher';
export * from './nest/bus-exception.filter';
