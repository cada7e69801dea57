export * from './database-config';
export * from './platform-tables.migration';
export * from './test-database';
export { DataSource, EntityManager } from 'typeorm';
export * from './prepared-query';
export * from './queue-scans';
export * from './failed-attempts';
export * from './document-storage';
export * from './unit-of-work';
