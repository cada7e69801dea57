import { Injectable } from '@nestjs/common';
import { FeedbackError, FeedbackErrorCode, keyword, parseSms, type SmsRequest } from '../../domain';
import { CaseQueries } from '../queries/cases.queries';
import { CaseStore } from '../ports';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';
import { TakeStep } from '../take-step/take-step.command';
import { TakeStepHandler } from '../take-step/take-step.handler';
import { SMS_REPLIES as say } from './sms-replies';

export interface InboundSms {
  /** The gateway's id of the message: a delivery retried makes no second case. */
  messageId: string;
  /** The sender's number, E.164 (+856…). */
  from: string;
  text: string;
}

/** A delivery retried while the first was being handled: its reply is the first's. */
class AlreadyReceived extends Error {}

/**
 * A text message to 1516 (domain/sms-grammar.ts): a new anonymous case (the reply carries its number and PIN; the
 * sender's phone is kept to tell them of the answer), a status by number and PIN, more information when the unit
 * asked for it, or help. Every outcome is a reply in the message's language, never an error to the gateway.
 */
@Injectable()
export class ReceiveSmsHandler {
  constructor(
    private readonly cases: CaseStore,
    private readonly submitting: SubmitCaseHandler,
    private readonly stepping: TakeStepHandler,
    private readonly queries: CaseQueries,
  ) {}

  async execute(sms: InboundSms): Promise<{ reply: string; caseNumber?: string }> {
    const seen = await this.cases.inbound(sms.messageId);
    const topics = new Map(
      (await this.cases.topics()).flatMap((t) => [
        [keyword(t.code), t.code],
        [keyword(t.nameLo), t.code],
        [keyword(t.nameEn.split(' ')[0]), t.code],
      ]),
    );
    const request = parseSms(sms.text, topics);
    const lang = request.lao ? 'lo' : 'en';
    // A delivery retried: a case is not made twice, information not added twice; a status is read again.
    if (seen && request.intent === 'submit' && seen.caseNumber) return { reply: say.again(lang, seen.caseNumber) };
    if (seen && request.intent === 'inform') return { reply: say.informed(lang, request.number) };
    try {
      return await this.answer(sms, request, lang);
    } catch (error) {
      if (error instanceof AlreadyReceived) {
        const first = await this.cases.inbound(sms.messageId);
        return { reply: first?.caseNumber ? say.again(lang, first.caseNumber) : say.help(lang) };
      }
      if (!(error instanceof FeedbackError)) throw error;
      switch (error.code) {
        case FeedbackErrorCode.CASE_NOT_FOUND:
          return { reply: say.notFound(lang) };
        case FeedbackErrorCode.NOT_NOW:
          return { reply: say.notAsked(lang, (request as { number?: string }).number ?? '') };
        case FeedbackErrorCode.TOO_MANY_ATTEMPTS:
        case FeedbackErrorCode.TOO_MANY_SUBMISSIONS:
          return { reply: say.tooMany(lang) };
        case FeedbackErrorCode.UNKNOWN_PLACE:
          return { reply: say.unknownPlace(lang) };
        default:
          return { reply: say.help(lang) };
      }
    }
  }

  private async answer(sms: InboundSms, request: SmsRequest, lang: 'lo' | 'en') {
    const from = `sms:${sms.from}`;
    switch (request.intent) {
      case 'submit': {
        const place = request.place;
        const submitted = await this.submitting.execute(
          SubmitCase.create({
            kind: request.kind,
            topic: request.topic ?? 'other',
            description: request.description,
            identity: 'anonymous',
            channel: 'sms',
            language: lang,
            ...(place && { province: place.slice(0, 2) }),
            ...(place && place.length >= 4 && { district: place.slice(0, 4) }),
            ...(place && place.length === 7 && { village: place }),
            contactPhone: sms.from,
            sourcePhone: sms.from,
            tellOnReceipt: false,
          }),
          sms.messageId,
        );
        if (!submitted) throw new AlreadyReceived();
        const { record, pin } = submitted;
        return { reply: say.received(lang, record.number, pin!), caseNumber: record.number };
      }
      case 'status': {
        const { record } = await this.queries.get(undefined, request.number, request.pin, from);
        await this.remember(sms.messageId);
        return { reply: say.status(lang, record.number, record.state), caseNumber: record.number };
      }
      case 'inform': {
        const record = await this.stepping.execute(
          TakeStep.create({
            number: request.number,
            step: 'provideInformation',
            pin: request.pin,
            reason: request.text,
            clientAddress: from,
          }),
        );
        await this.remember(sms.messageId);
        return { reply: say.informed(lang, record.number), caseNumber: record.number };
      }
      default:
        return { reply: say.help(lang) };
    }
  }

  /** A message that made no case is remembered too: a retried delivery is not acted on twice. */
  private async remember(messageId: string) {
    await this.cases.transaction((tx) => tx.rememberInbound(messageId, null));
  }
}
