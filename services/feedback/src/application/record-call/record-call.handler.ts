import { Injectable } from '@nestjs/common';
import type { CaseRecord } from '../../domain';
import { CaseStore } from '../ports';
import { SubmitCase } from '../submit-case/submit-case.command';
import { SubmitCaseHandler } from '../submit-case/submit-case.handler';

export interface Call {
  /** The number the caller rang from, E.164. */
  callerPhone: string;
  /** Whether the caller agreed to be contacted at it (and to have it kept for matching their next calls). */
  consent: boolean;
  kind: SubmitCase['kind'];
  topic: string;
  description: string;
  province?: string;
  district?: string;
  village?: string;
  language?: 'lo' | 'en';
}

/**
 * The 1516 operator's console: a call recorded as an anonymous case whose number and PIN the operator reads back;
 * with the caller's consent, their phone is kept to tell them of the answer and to find their earlier cases when
 * they call again (never shown to a unit). Without consent, nothing of the caller is kept.
 */
@Injectable()
export class RecordCallHandler {
  constructor(
    private readonly cases: CaseStore,
    private readonly submitting: SubmitCaseHandler,
  ) {}

  async record(call: Call): Promise<{ record: CaseRecord; pin?: string }> {
    return this.submitting.execute(
      SubmitCase.create({
        kind: call.kind,
        topic: call.topic,
        description: call.description,
        identity: 'anonymous',
        channel: 'operator',
        language: call.language ?? 'lo',
        ...(call.province && { province: call.province }),
        ...(call.district && { district: call.district }),
        ...(call.village && { village: call.village }),
        consent: call.consent,
        ...(call.consent && { contactPhone: call.callerPhone }),
        // One caller flooding the line is throttled by their number; the operator is not a source.
        sourcePhone: call.callerPhone,
      }),
    );
  }

  /** The caller's earlier cases (those recorded with their consent, or where they left this phone), newest first. */
  earlierCases(phone: string): Promise<CaseRecord[]> {
    return this.cases.byContactPhone(phone, 50);
  }
}
