import type { CaseState } from './case-lifecycle';

/**
 * How a case's state is told to the people following it (the submitter by SMS or on the web, Open311 clients), in
 * Lao and English, with the richer status of Open311's updates extension.
 */
export const CASE_STATUS: Record<CaseState, [lo: string, en: string, extended: string]> = {
  RECEIVED: ['ໄດ້ຮັບແລ້ວ', 'Received', 'open'],
  TRIAGED: ['ສຳນັກງານນາຍົກລັດຖະມົນຕີ ກຳລັງພິຈາລະນາ', "Being reviewed by the Prime Minister's Office", 'investigating'],
  ASSIGNED: ['ສົ່ງໃຫ້ໜ່ວຍງານທີ່ຮັບຜິດຊອບແລ້ວ', 'Sent to the responsible unit', 'in_progress'],
  VERIFYING: ['ໜ່ວຍງານກຳລັງກວດສອບ', 'Being verified by the unit', 'investigating'],
  AWAITING_INFORMATION: ['ລໍຖ້າຂໍ້ມູນເພີ່ມເຕີມຈາກຜູ້ແຈ້ງ', 'Waiting for more information from the submitter', 'investigating'],
  FINDING_RECORDED: ['ກວດສອບແລ້ວ', 'Verified', 'action_scheduled'],
  RESPONSE_SUBMITTED: ['ກຳລັງທົບທວນຄຳຕອບ', 'Answer under review', 'action_scheduled'],
  RESPONDED: ['ຕອບແລ້ວ', 'Answered', 'fixed'],
  PUBLISHED: ['ຕອບ ແລະ ເຜີຍແຜ່ແລ້ວ', 'Answered and published', 'fixed'],
  NOT_PUBLISHED: ['ຕອບແລ້ວ', 'Answered', 'fixed'],
  UNDER_APPEAL: ['ກຳລັງພິຈາລະນາຄຳອຸທອນ', 'Appeal under review', 'reopened'],
  CLOSED: ['ປິດແລ້ວ', 'Closed', 'closed'],
  REJECTED: ['ບໍ່ຮັບພິຈາລະນາ', 'Not taken up', 'no_further_action'],
  MERGED: ['ລວມເຂົ້າກັບເລື່ອງອື່ນແລ້ວ', 'Merged with another case', 'duplicate'],
};

/** A state as its follower reads it. */
export const statusText = (state: CaseState, lang: 'lo' | 'en') => CASE_STATUS[state][lang === 'en' ? 1 : 0];
