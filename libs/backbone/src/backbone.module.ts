import {
  Inject,
  Injectable,
  Module,
  SetMetadata,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventContract } from '@onedoor/contracts';
import { EventBackbone } from './event-backbone';
import type { EventBatchHandlerFn, EventHandlerFn } from './consumer/received-event';

const HANDLES_EVENT = 'onedoor:handles-event';

/**
 * Marks a provider method as the handler of an event contract, NestJS-style:
 *
 *   @HandlesEvent(ProbeSent)
 *   async onProbe(event: ReceivedEvent<ProbeSentPayload>, manager: EntityManager) { ... }
 *
 * The method runs in the consumer's transaction with the inbox row (exactly-once effects), with retries and
 * dead letters handled by the backbone. With `{ batch: true }` it gets an array of events of that type instead.
 */
export function HandlesEvent(contract: EventContract, options?: { batch?: boolean }): MethodDecorator;
/** One handler for several events of the same payload (say a message's Sent, Delivered and Failed). */
export function HandlesEvent(...contracts: EventContract[]): MethodDecorator;
export function HandlesEvent(...args: (EventContract | { batch?: boolean } | undefined)[]): MethodDecorator {
  const contracts = args.filter((arg): arg is EventContract => !!arg && 'type' in arg);
  const options = args.find((arg): arg is { batch?: boolean } => !!arg && !('type' in arg));
  return SetMetadata(HANDLES_EVENT, { contracts, batch: options?.batch ?? false });
}

type HandlesEventMeta = { contracts: EventContract[]; batch: boolean };

/**
 * The events these classes' `@HandlesEvent` methods handle, read from the classes themselves (no instance): what a
 * block declares it consumes (its BlockDefinition's `consumes`, in the AsyncAPI document).
 */
export function eventsHandledBy(...classes: (abstract new (...args: never[]) => unknown)[]): EventContract[] {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  return classes.flatMap((type) =>
    scanner
      .getAllMethodNames(type.prototype)
      .flatMap(
        (method) => reflector.get<HandlesEventMeta | undefined>(HANDLES_EVENT, type.prototype[method])?.contracts ?? [],
      ),
  );
}

@Injectable()
class EventHandlerExplorer implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const meta = this.reflector.get<HandlesEventMeta | undefined>(HANDLES_EVENT, prototype[method]);
        if (!meta) continue;
        const fn = (instance[method] as EventHandlerFn & EventBatchHandlerFn).bind(instance);
        const name = `${wrapper.name}.${method}`;
        for (const contract of meta.contracts) {
          if (meta.batch) this.backbone.onBatch(contract, fn, name);
          else this.backbone.on(contract, fn, name);
        }
      }
    }
    await this.backbone.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backbone.stop();
  }
}

@Module({})
export class BackboneModule {
  /** Provides EventBackbone (built by `factory`) and wires every @HandlesEvent method to it. */
  static forBlock(factory: { useFactory: (...args: never[]) => EventBackbone; inject?: unknown[] }): DynamicModule {
    return {
      module: BackboneModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: EventBackbone, useFactory: factory.useFactory, inject: (factory.inject ?? []) as never[] },
        EventHandlerExplorer,
      ],
      exports: [EventBackbone],
    };
  }
}
