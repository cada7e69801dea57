import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { batchesOf, MessagingError, MessagingErrorCode } from '../../domain';
import { MessageStore, type EmailCallbackRecord } from '../ports';
import { MAX_CALLBACK_BYTES, RecordEmailCallback } from './record-email-callback.command';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Keeps a callback for an email request of the caller's (GovStack's POST /callback/email) and publishes that it arrived, with its
 * description but not its content (a reply may hold personal data): the request's sender reads the content from
 * the API. Refused: a request that does not exist (BATCH_NOT_FOUND), content that is not base64 or is larger than
 * MAX_CALLBACK_BYTES (VALIDATION_FAILED).
 */
@Injectable()
export class RecordEmailCallbackHandler {
  constructor(private readonly messages: MessageStore) {}

  async execute({ caller, requestUid, meta, content }: RecordEmailCallback): Promise<EmailCallbackRecord> {
    const compact = content.replace(/\s+/g, '');
    if (!compact || !BASE64.test(compact)) {
      throw new MessagingError(MessagingErrorCode.VALIDATION_FAILED, 'content: base64 of the callback', [
        { field: 'content', message: 'base64, not empty' },
      ]);
    }
    const bytes = Buffer.from(compact, 'base64');
    if (bytes.length > MAX_CALLBACK_BYTES) {
      throw new MessagingError(MessagingErrorCode.VALIDATION_FAILED, `content: at most ${MAX_CALLBACK_BYTES} bytes`, [
        { field: 'content', message: `at most ${MAX_CALLBACK_BYTES} bytes` },
      ]);
    }
    // The request's sender (or its gateway, with the sender's client) and operators: another's request is not there.
    if (!isUUID(requestUid) || !(await this.messages.batchCounts(requestUid, batchesOf(caller))).length) {
      throw new MessagingError(MessagingErrorCode.BATCH_NOT_FOUND, 'No request with this requestUid.');
    }
    const callback: EmailCallbackRecord = {
      id: randomUUID(),
      batchId: requestUid,
      meta: meta ?? null,
      content: bytes,
      receivedBy: caller.sub,
      receivedAt: new Date(),
    };
    await this.messages.transaction((tx) => tx.recordCallback(callback));
    return callback;
  }
}
