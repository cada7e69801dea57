import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per block, so the five blocks in one process keep their metrics apart. */
export function createMetricsRegistry(block: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ block });
  collectDefaultMetrics({ register: registry, prefix: 'onedoor_' });
  return registry;
}

export { Registry, Counter, Gauge, Histogram } from 'prom-client';
