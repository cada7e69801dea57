import { HttpStatus, Injectable } from '@nestjs/common';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventBackbone } from '@onedoor/backbone';
import { hasRole, ROLES, type Caller } from '@onedoor/auth';
import { MessageDelivered, MessageFailed } from '@onedoor/contracts';
import { ProblemException } from '@onedoor/http';
import type { ProviderSettings } from '../channels/providers';
import { Message, MessageHistory } from '../messaging.entities';
import { InvalidTemplateError, MissingVariablesError } from '../templates/render';
import { MessageComposer, type ComposeOutcome, type ComposeRequest } from './composer';
import { Dispatcher } from './dispatcher';
import type { AddressDto, RecipientDto } from './messages.dto';
import { statusEvent } from './status-event';
import { PROVIDER_SETTINGS } from './tokens';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function addressErrors(address: AddressDto | undefined, prefix: string) {
  if (!address) return [];
  if (address.channel === 'sms' && !E164.test(address.destination)) {
    return [
      { field: `${prefix}address.destination`, message: 'an SMS goes to an E.164 number such as +8562055512345' },
    ];
  }
  if (address.channel === 'email' && !EMAIL.test(address.destination)) {
    return [{ field: `${prefix}address.destination`, message: 'not an email address' }];
  }
  if (address.channel === 'webhook' && !/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(address.destination)) {
    return [{ field: `${prefix}address.destination`, message: 'a webhook goes to an http(s) URL' }];
  }
  return [];
}

function recipientErrors(recipient: RecipientDto, prefix = '') {
  if (!recipient.personId === !recipient.address) {
    return [{ field: `${prefix}personId`, message: 'give either personId or address' }];
  }
  return addressErrors(recipient.address, prefix);
}

/** A view of a message for its sender: status and history, not its body (it may hold personal data). */
export interface MessageView {
  messageId: string;
  batchId?: string;
  channel: string;
  status: string;
  detail?: string;
  provider?: string;
  attempts: number;
  smsParts?: number;
  createdAt: string;
  history: { status: string; provider?: string; detail?: string; at: string }[];
}

@Injectable()
export class MessagesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly composer: MessageComposer,
    private readonly dispatcher: Dispatcher,
    @Inject(EventBackbone) private readonly backbone: EventBackbone,
    @Inject(PROVIDER_SETTINGS) private readonly settings: ProviderSettings,
  ) {}

  private async composeOrRefuse(manager: EntityManager, request: ComposeRequest, field = ''): Promise<ComposeOutcome> {
    try {
      return await this.composer.compose(manager, request);
    } catch (error) {
      if (error instanceof MissingVariablesError) {
        throw new ProblemException(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'MESSAGING.MISSING_VARIABLES',
          `The template needs: ${error.missing.join(', ')}.`,
          error.missing.map((name) => ({ field: `${field}variables.${name}`, message: 'required by the template' })),
        );
      }
      if (error instanceof InvalidTemplateError) {
        throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'MESSAGING.INVALID_TEMPLATE', error.message);
      }
      throw error;
    }
  }

  private refuse(outcome: ComposeOutcome, field = ''): never {
    if (outcome.kind === 'no-template') {
      throw new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'MESSAGING.UNKNOWN_TEMPLATE',
        `No template ${outcome.templateKey} for this channel.`,
        [{ field: `${field}templateKey`, message: 'unknown for the recipient’s channel' }],
      );
    }
    const reason = outcome.kind === 'skipped' ? outcome.reason : 'UNKNOWN';
    if (reason === 'OPTED_OUT') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'MESSAGING.OPTED_OUT',
        'This person opted out of non-essential messages.',
      );
    }
    throw new ProblemException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      `MESSAGING.${reason}`,
      'The recipient cannot be reached.',
      [{ field: `${field}personId`, message: reason.toLowerCase().replace(/_/g, ' ') }],
    );
  }

  async send(
    caller: Caller,
    request: Omit<ComposeRequest, 'sourceKey'> & RecipientDto,
  ): Promise<{ messageId: string; status: string }> {
    const errors = recipientErrors(request);
    if (errors.length)
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'PLATFORM.VALIDATION_FAILED', errors[0].message, errors);
    const outcome = await this.dataSource.transaction((manager) =>
      this.composeOrRefuse(manager, { ...request, sourceKey: `api:${caller.sub}:${randomUUID()}` }),
    );
    if (outcome.kind === 'queued') {
      this.dispatcher.wake();
      return { messageId: outcome.message.id, status: outcome.message.status };
    }
    if (outcome.kind === 'duplicate') return { messageId: outcome.messageId, status: 'Pending' };
    this.refuse(outcome);
  }

  /** All items in one transaction: a batch is accepted whole or refused whole, with the items' errors named. */
  async sendBatch(
    caller: Caller,
    batch: {
      templateKey: string;
      essential?: boolean;
      items: (RecipientDto & { variables?: Record<string, unknown> })[];
    },
  ): Promise<{ batchId: string; accepted: number; skipped: { index: number; reason: string }[] }> {
    const errors = batch.items.flatMap((item, index) => recipientErrors(item, `items.${index}.`));
    if (errors.length)
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'PLATFORM.VALIDATION_FAILED',
        `${errors.length} items are invalid.`,
        errors.slice(0, 50),
      );
    const batchId = randomUUID();
    const result = await this.dataSource.transaction(async (manager) => {
      let accepted = 0;
      const skipped: { index: number; reason: string }[] = [];
      for (const [index, item] of batch.items.entries()) {
        const outcome = await this.composeOrRefuse(
          manager,
          {
            sourceKey: `api:${caller.sub}:${batchId}:${index}`,
            templateKey: batch.templateKey,
            variables: item.variables ?? {},
            essential: batch.essential ?? false,
            personId: item.personId,
            address: item.address,
            batchId,
          },
          `items.${index}.`,
        );
        if (outcome.kind === 'queued') accepted++;
        else if (outcome.kind === 'skipped') skipped.push({ index, reason: outcome.reason });
        else if (outcome.kind === 'no-template') this.refuse(outcome, `items.${index}.`);
      }
      return { accepted, skipped };
    });
    this.dispatcher.wake();
    return { batchId, ...result };
  }

  async sendLiteralEmail(caller: Caller, to: string, subject: string, body: string): Promise<{ requestUid: string }> {
    const batchId = randomUUID();
    await this.dataSource.transaction((manager) =>
      this.composer.compose(manager, {
        sourceKey: `api:${caller.sub}:${batchId}`,
        literal: { subject, body },
        variables: {},
        essential: false,
        address: { channel: 'email', destination: to, language: 'en' },
        batchId,
      }),
    );
    this.dispatcher.wake();
    return { requestUid: batchId };
  }

  async read(caller: Caller, id: string): Promise<MessageView> {
    const message = await this.dataSource.getRepository(Message).findOneBy({ id });
    if (!message || !this.mayRead(caller, message)) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'MESSAGING.MESSAGE_NOT_FOUND',
        'No message with this id is visible to you.',
      );
    }
    const history = await this.dataSource
      .getRepository(MessageHistory)
      .find({ where: { messageId: id }, order: { at: 'ASC', id: 'ASC' } });
    return {
      messageId: message.id,
      ...(message.batchId ? { batchId: message.batchId } : {}),
      channel: message.channel,
      status: message.status,
      ...(message.detail ? { detail: message.detail } : {}),
      ...(message.provider ? { provider: message.provider } : {}),
      attempts: message.attempts,
      ...(message.smsParts ? { smsParts: message.smsParts } : {}),
      createdAt: message.createdAt.toISOString(),
      history: history.map((h) => ({
        status: h.status,
        ...(h.provider ? { provider: h.provider } : {}),
        ...(h.detail ? { detail: h.detail } : {}),
        at: h.at.toISOString(),
      })),
    };
  }

  private mayRead(caller: Caller, message: Message) {
    return (
      hasRole(caller, ROLES.platformOperator, ROLES.messagingSender) ||
      (message.personId !== null && message.personId === caller.sub)
    );
  }

  /** Counts by status: GovStack's names (scheduled, processing, deferred, bounced, notSent, delivered) and ours. */
  async batchStatus(batchId: string) {
    const rows: { status: string; retried: boolean; n: number }[] = await this.dataSource.query(
      `SELECT status, attempts > 0 AS retried, count(*)::int AS n FROM messaging.messages WHERE batch_id = $1 GROUP BY 1, 2`,
      [batchId],
    );
    if (!rows.length)
      throw new ProblemException(HttpStatus.NOT_FOUND, 'MESSAGING.BATCH_NOT_FOUND', 'No batch with this id.');
    const count = (status: string, retried?: boolean) =>
      rows
        .filter((r) => r.status === status && (retried === undefined || r.retried === retried))
        .reduce((sum, r) => sum + r.n, 0);
    return {
      scheduled: count('Pending', false),
      processing: count('Queued'),
      deferred: count('Pending', true),
      bounced: count('Errored'),
      notSent: 0,
      delivered: count('Sent') + count('Delivered'),
      byStatus: {
        Pending: count('Pending'),
        Queued: count('Queued'),
        Sent: count('Sent'),
        Delivered: count('Delivered'),
        Errored: count('Errored'),
      },
    };
  }

  /** A provider's delivery receipt, signed with the shared secret (HMAC-SHA256 of the body, hex). */
  async receipt(
    provider: string,
    rawBody: Buffer | undefined,
    signature: string | undefined,
    receipt: { providerMessageId: string; status: 'delivered' | 'failed'; detail?: string },
  ) {
    const secret = this.settings.receiptSecret;
    const expected = secret && rawBody ? createHmac('sha256', secret).update(rawBody).digest('hex') : undefined;
    const given = (signature ?? '').replace(/^sha256=/, '');
    if (!expected || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      throw new ProblemException(
        HttpStatus.UNAUTHORIZED,
        'MESSAGING.BAD_SIGNATURE',
        'The receipt is not signed with the provider secret.',
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const message = await manager.findOne(Message, {
        where: { provider, providerMessageId: receipt.providerMessageId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!message)
        throw new ProblemException(
          HttpStatus.NOT_FOUND,
          'MESSAGING.MESSAGE_NOT_FOUND',
          'No message from this provider has this id.',
        );
      if (message.status !== 'Sent') return { messageId: message.id, status: message.status };
      const status = receipt.status === 'delivered' ? 'Delivered' : 'Errored';
      await manager.update(
        Message,
        { id: message.id },
        { status, ...(receipt.detail ? { detail: receipt.detail } : {}) },
      );
      await manager.insert(MessageHistory, { messageId: message.id, status, provider, detail: receipt.detail ?? null });
      await this.backbone.publisher.publish(
        manager,
        status === 'Delivered' ? MessageDelivered : MessageFailed,
        statusEvent(message, status, { provider, detail: receipt.detail }),
      );
      return { messageId: message.id, status };
    });
  }
}
