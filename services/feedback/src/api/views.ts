import type { AttachmentRecord, PublishedAnswer } from '../application/ports';
import type { CaseRecord, TimelineEntry } from '../domain';

/** A case as its reader may see it: the submitter only to those who may know them (domain seesSubmitter). */
export function caseView(
  record: CaseRecord,
  showSubmitter: boolean,
  history?: TimelineEntry[],
  extra: { master?: CaseRecord; merged?: string[]; attachments?: AttachmentRecord[] } = {},
) {
  const { master, merged, attachments } = extra;
  return {
    caseNumber: record.number,
    kind: record.kind,
    topic: record.topic,
    description: record.description,
    state: record.state,
    channel: record.channel,
    identity: record.identity,
    ...(showSubmitter && record.submitterId && { submitterId: record.submitterId }),
    province: record.province ?? undefined,
    district: record.district ?? undefined,
    village: record.village ?? undefined,
    mediaUrl: record.mediaUrl ?? undefined,
    ministry: record.ministry ?? undefined,
    unit: record.unit ?? undefined,
    finding: record.finding ?? undefined,
    explanation: record.explanation ?? undefined,
    actions: record.actions.length ? record.actions : undefined,
    ...(record.mergedInto && {
      mergedInto: {
        caseNumber: record.mergedInto,
        ...(master && { state: master.state }),
        ...(master?.publishedAt && master.publishedSummary && { answer: master.publishedSummary }),
      },
    }),
    ...(record.publishedAt && record.publishedSummary && { answer: record.publishedSummary }),
    ...(merged && { mergedCases: merged }),
    ...(attachments?.length && { attachments: attachments.map(attachmentView) }),
    receivedAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(history && { history }),
  };
}

/** A published answer, as the government's website shows it: the approved summary, no one's identity. */
export function answerView(record: PublishedAnswer) {
  return {
    caseNumber: record.number,
    kind: record.kind,
    topic: record.topic,
    ministry: record.ministry ?? undefined,
    province: record.province ?? undefined,
    publishedAt: record.publishedAt!,
    ...record.publishedSummary!,
  };
}

/** A likely duplicate, as triage compares it: its words, place and state, and how alike they are. */
export function duplicateView({ record, similarity }: { record: CaseRecord; similarity: number }) {
  return {
    caseNumber: record.number,
    similarity,
    state: record.state,
    description: record.description,
    province: record.province ?? undefined,
    district: record.district ?? undefined,
    village: record.village ?? undefined,
    receivedAt: record.createdAt,
  };
}

/** A file attached to a case, without its bytes (`GET …/attachments/{id}`). */
export function attachmentView(attachment: AttachmentRecord) {
  return {
    id: attachment.id,
    mediaType: attachment.mediaType,
    size: attachment.size,
    sha256: attachment.sha256,
    addedBy: attachment.addedBy,
    addedAt: attachment.createdAt,
  };
}
