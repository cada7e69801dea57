export * from './block-definition';
export * from './platform-config';
export * from './create-block-app';
export * from './embedded-database';
export * from './platform';
export { DiagnosticsModule } from './diagnostics/diagnostics.module';
export * from './govstack-face';
