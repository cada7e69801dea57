import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Gauge, type Registry } from '@onedoor/observability';
import { METRICS_REGISTRY } from '@onedoor/platform-kit';
import { ApplicationReads } from '../application/ports';

/**
 * `onedoor_registration_applications_stalled{ministry}`: applications whose process could not run and that nobody
 * has restarted yet, read from the database when Prometheus scrapes (every replica reports the same numbers; alert
 * on the maximum). Above zero, a ministry has citizens waiting on nothing.
 */
@Injectable()
export class StalledApplicationsMetric implements OnModuleInit {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    private readonly reads: ApplicationReads,
  ) {}

  onModuleInit(): void {
    const reads = this.reads;
    new Gauge({
      name: 'onedoor_registration_applications_stalled',
      help: 'Applications whose workflow process could not run (no such process, no routing rule), per ministry',
      labelNames: ['ministry'],
      registers: [this.registry],
      async collect(this: Gauge) {
        this.reset();
        try {
          for (const { key, count } of await reads.stalledByMinistry()) this.set({ ministry: key }, count);
        } catch {
          // database unreachable: readiness reports it
        }
      },
    });
  }
}
