export * from './database-config';
export * from './backbone-tables.migration';
export * from './test-database';
export { DataSource, EntityManager } from 'typeorm';
