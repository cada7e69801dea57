import type { Lang } from '../i18n/messages';
import type { ApplicationStatus } from '../platform/views';

const APPLICATION: Record<ApplicationStatus, [lo: string, en: string]> = {
  DRAFT: ['ສະບັບຮ່າງ', 'Draft'],
  PENDING: ['ກຳລັງພິຈາລະນາ', 'Being processed'],
  SENDBACK: ['ສົ່ງຄືນໃຫ້ແກ້ໄຂ', 'Sent back for correction'],
  APPROVED: ['ອະນຸມັດແລ້ວ', 'Approved'],
  REJECTED: ['ບໍ່ອະນຸມັດ', 'Rejected'],
  WITHDRAWN: ['ຖອນຄືນແລ້ວ', 'Withdrawn'],
};

/** An application's status as its applicant reads it. */
export const applicationStatus = (lang: Lang, status: ApplicationStatus) =>
  (APPLICATION[status] ?? [status, status])[lang === 'en' ? 1 : 0];

const CASE: Record<string, [lo: string, en: string]> = {
  RECEIVED: ['ໄດ້ຮັບແລ້ວ', 'Received'],
  TRIAGED: ['ສຳນັກງານນາຍົກລັດຖະມົນຕີ ກຳລັງພິຈາລະນາ', "Being reviewed by the Prime Minister's Office"],
  ASSIGNED: ['ສົ່ງໃຫ້ໜ່ວຍງານທີ່ຮັບຜິດຊອບແລ້ວ', 'Sent to the responsible unit'],
  VERIFYING: ['ໜ່ວຍງານກຳລັງກວດສອບ', 'Being verified by the unit'],
  AWAITING_INFORMATION: ['ລໍຖ້າຂໍ້ມູນເພີ່ມເຕີມຈາກທ່ານ', 'Waiting for more information from you'],
  FINDING_RECORDED: ['ກວດສອບແລ້ວ', 'Verified'],
  RESPONSE_SUBMITTED: ['ກຳລັງທົບທວນຄຳຕອບ', 'Answer under review'],
  RESPONDED: ['ຕອບແລ້ວ', 'Answered'],
  PUBLISHED: ['ຕອບ ແລະ ເຜີຍແຜ່ແລ້ວ', 'Answered and published'],
  NOT_PUBLISHED: ['ຕອບແລ້ວ', 'Answered'],
  UNDER_APPEAL: ['ກຳລັງພິຈາລະນາຄຳອຸທອນ', 'Appeal under review'],
  CLOSED: ['ປິດແລ້ວ', 'Closed'],
  REJECTED: ['ບໍ່ຮັບພິຈາລະນາ', 'Not taken up'],
  MERGED: ['ລວມເຂົ້າກັບເລື່ອງອື່ນແລ້ວ', 'Merged with another case'],
};

/** A hotline case's state as its submitter reads it. */
export const caseStatus = (lang: Lang, state: string) => (CASE[state] ?? [state, state])[lang === 'en' ? 1 : 0];

const FINDING: Record<string, [lo: string, en: string]> = {
  FOUNDED: ['ມີມູນ: ໄດ້ແກ້ໄຂແລ້ວ', 'Founded: put right'],
  PARTLY_FOUNDED: ['ມີມູນບາງສ່ວນ', 'Partly founded'],
  UNFOUNDED: ['ບໍ່ມີມູນ', 'Unfounded'],
};

export const findingText = (lang: Lang, finding: string) =>
  (FINDING[finding] ?? [finding, finding])[lang === 'en' ? 1 : 0];

/** The states after an answer, in which the submitter may appeal. */
export const ANSWERED_STATES = ['RESPONDED', 'PUBLISHED', 'NOT_PUBLISHED'];
