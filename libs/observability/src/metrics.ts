import { Registry, collectDefaultMetrics } from 'prom-client';

/** One Prometheus registry per block, so the five blocks in one process keep their metrics apart. */
export function createMetricsRegistry(block: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ block });
  collectDefaultMetrics({ register: registry, prefix: 'onedoor_' });
  // prom-client also reports the active handles, requests and resources as gauges named `…_total`, a counter's
  // suffix (promtool refuses them); the same counts stay, by type, in `onedoor_nodejs_active_{handles,requests,resources}`.
  for (const kind of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`onedoor_nodejs_active_${kind}_total`);
  return registry;
}

export { Registry, Counter, Gauge, Histogram } from 'prom-client';
