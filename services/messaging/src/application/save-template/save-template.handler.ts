import { Injectable } from '@nestjs/common';
import {
  compile,
  InvalidTemplateError,
  MessagingError,
  MessagingErrorCode,
  templateAddressErrors,
  type Channel,
  type Language,
} from '../../domain';
import { MessageComposer } from '../message-composer';
import { MessageStore, type TemplateRecord } from '../ports';
import { SaveTemplate } from './save-template.command';

/** Adds or changes a template, checked before it is saved; this replica uses it at once, others within seconds. */
@Injectable()
export class SaveTemplateHandler {
  constructor(
    private readonly messages: MessageStore,
    private readonly composer: MessageComposer,
  ) {}

  async execute({ key, channel, language, subject, body }: SaveTemplate): Promise<TemplateRecord> {
    const errors = templateAddressErrors(key, channel, language);
    if (errors.length) {
      throw new MessagingError(MessagingErrorCode.VALIDATION_FAILED, errors.map((e) => e.message).join('; '), errors);
    }
    try {
      compile(body, language as Language);
      if (subject) compile(subject, language as Language);
    } catch (error) {
      if (error instanceof InvalidTemplateError) {
        throw new MessagingError(MessagingErrorCode.INVALID_TEMPLATE, error.message, [
          { field: 'body', message: error.message },
        ]);
      }
      throw error;
    }
    const template: TemplateRecord = {
      key,
      channel: channel as Channel,
      language: language as Language,
      subject: subject ?? null,
      body: body.normalize('NFC'),
    };
    await this.messages.saveTemplate(template);
    this.composer.forgetTemplates();
    return template;
  }
}
