import type { CaseEventPayload } from '@onedoor/contracts';
import type { CaseRecord } from '../domain';

/** What every event of a case says about it (never an unidentified submitter). */
export function caseEvent(record: CaseRecord): CaseEventPayload {
  return {
    caseId: record.id,
    caseNumber: record.number,
    kind: record.kind,
    topic: record.topic,
    state: record.state,
    channel: record.channel,
    ...(record.province && { province: record.province }),
    ...(record.district && { district: record.district }),
    ...(record.ministry && { ministry: record.ministry }),
    ...(record.unit && { unit: record.unit }),
    at: record.updatedAt.toISOString(),
  };
}
