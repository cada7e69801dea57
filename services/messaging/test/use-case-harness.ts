import { randomUUID } from 'node:crypto';
import type { Caller, EventEnvelope, PersonEnrolledPayload } from '@onedoor/contracts';
import { PersonEnrolled } from '@onedoor/contracts';
import { memoryLogger, testBed, useCaseDatabase } from '@onedoor/testing';
import type { ChannelProvider, SendRequest } from '../src/application/channel-provider';
import { Dispatcher } from '../src/application/dispatch-messages/dispatcher';
import { MessageComposer } from '../src/application/message-composer';
import { NotifyFromEventsHandler } from '../src/application/notify-from-events/notify-from-events.handler';
import { messagingConfig } from '../src/messaging.config';
import { DispatchQueueRepository } from '../src/persistence/dispatch-queue.repository';
import { MessagesRepository } from '../src/persistence/messages.repository';
import { MESSAGING_ENTITIES } from '../src/persistence/messaging.entities';
import { MESSAGING_MIGRATIONS } from '../src/persistence/migrations';

/** A channel provider that keeps what it was handed (or refuses it, as told): the far side of the port. */
export class RecordingProvider implements ChannelProvider {
  readonly sent: SendRequest[] = [];
  private calls = 0;
  constructor(
    readonly name: string,
    readonly channel: ChannelProvider['channel'],
    readonly idempotent = false,
    /** The error of the nth call (from 1), if it fails. */
    private readonly refuse?: (call: number) => Error | undefined,
    /** Whether taking a message is delivering it (as a webhook's 2xx is). */
    private readonly delivers = false,
  ) {}

  async send(request: SendRequest) {
    const error = this.refuse?.(++this.calls);
    if (error) throw error;
    this.sent.push(request);
    return { providerMessageId: `${this.name}-${this.sent.length}`, ...(this.delivers && { delivered: true }) };
  }
}

/** The messaging block's repositories and composer on a scratch database of their own (see useCaseDatabase). */
export async function messagingUseCases(env: NodeJS.ProcessEnv = {}) {
  const uc = await useCaseDatabase('messaging', { entities: MESSAGING_ENTITIES, migrations: MESSAGING_MIGRATIONS });
  const config = messagingConfig({ MESSAGING_RECEIPT_SECRET: 'receipt-secret-for-tests', ...env });
  const messages = new MessagesRepository(uc.dataSource, uc.backbone);
  const composer = new MessageComposer(config);
  const queue = new DispatchQueueRepository(uc.dataSource, uc.backbone);
  return {
    ...uc,
    config,
    messages,
    composer,
    queue,
    /** A dispatcher over these providers (not started: a test starts and stops it). */
    dispatcher: (providers: ChannelProvider[] = []) => new Dispatcher(queue, providers, config, memoryLogger().logger),
    /** A person as the identity block's person.enrolled event makes them known (with the welcome rule applied). */
    async enrol(person: Partial<PersonEnrolledPayload> = {}): Promise<string> {
      const personId = person.personId ?? randomUUID();
      const envelope = {
        id: randomUUID(),
        type: PersonEnrolled.type,
        time: new Date().toISOString(),
        data: {
          ...PersonEnrolled.example,
          personId,
          phone: '+8562055512345',
          email: undefined,
          preferredLanguage: 'lo',
          preferredChannel: 'sms',
          ...person,
        },
      } as unknown as EventEnvelope<PersonEnrolledPayload>;
      await uc.inTransaction((tx) => new NotifyFromEventsHandler(messages, composer).personChanged(envelope, tx));
      return personId;
    },
  };
}

export type MessagingUseCases = Awaited<ReturnType<typeof messagingUseCases>>;

/** A test file's messaging use cases (see testBed). */
export const messagingTestBed = <T extends object>(make: (uc: MessagingUseCases) => Promise<T> | T) =>
  testBed(messagingUseCases, make);

export const sender: Caller = { sub: 'registration-client', roles: ['messaging.sender'], clientId: 'registration' };
export const citizen = (sub: string): Caller => ({ sub, roles: ['citizen'] });

export { refusal } from '@onedoor/testing';
