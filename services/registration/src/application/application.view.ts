import { hasEnded, type ApplicationRecord } from '../domain/application';

/** GovStack's applicationFileResponse, plus tracking, office, fee and deadline. */
export type ApplicationView = ReturnType<typeof applicationView>;

export function applicationView(application: ApplicationRecord) {
  return {
    fileId: application.id,
    trackingCode: application.trackingCode,
    serviceId: application.serviceId,
    serviceCode: application.serviceCode,
    serviceVersion: application.serviceVersion,
    applicantId: application.applicantId,
    applicationName: application.applicationName ?? undefined,
    channel: application.channel,
    status: {
      code: application.status,
      title: application.status.charAt(0) + application.status.slice(1).toLowerCase(),
      reason: application.statusReason ?? undefined,
    },
    ended: hasEnded(application.status),
    /** Its process could not run: nothing moves until the ministry's administrator or an operator restarts it. */
    stalled: application.stalledAt
      ? { since: application.stalledAt, reason: application.stalledReason ?? undefined }
      : undefined,
    formData: { data: application.formData, eFormId: application.serviceId },
    ministry: application.ministry,
    province: application.province ?? undefined,
    district: application.district ?? undefined,
    office: application.unit ?? undefined,
    fee: {
      due: application.feeDue,
      currency: 'LAK',
      paid: application.feePaidAt !== null,
      reference: application.feeReference ?? undefined,
    },
    registered: application.submittedAt ?? undefined,
    expectedBy: application.expectedBy ?? undefined,
    decidedAt: application.decidedAt ?? undefined,
    created: application.createdAt,
    updated: application.updatedAt,
  };
}
