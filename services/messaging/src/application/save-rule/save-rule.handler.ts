import { Injectable } from '@nestjs/common';
import { isRuleId, MessagingError, MessagingErrorCode } from '../../domain';
import { MessageStore, type RuleRecord } from '../ports';
import { SaveRule } from './save-rule.command';

/** Adds or changes a notification rule; it applies from the next event. */
@Injectable()
export class SaveRuleHandler {
  constructor(private readonly messages: MessageStore) {}

  async execute(command: SaveRule): Promise<RuleRecord> {
    if (!isRuleId(command.id)) {
      throw new MessagingError(
        MessagingErrorCode.VALIDATION_FAILED,
        'A rule id is 2 to 64 lower-case letters, digits or "-".',
      );
    }
    const rule: RuleRecord = { ...command, everyChannel: command.everyChannel ?? false };
    await this.messages.saveRule(rule);
    return rule;
  }
}
