import type { HistoryEntry, TopicRecord } from '../../application/ports';
import { CASE_KINDS, CASE_STATUS, type CaseKind, type CaseRecord, type CaseState } from '../../domain';

/** `lang`: Lao first, English when asked. */
export type Lang = 'lo' | 'en';

/** The states GeoReport v2 calls `closed` (answered, rejected, merged, closed); every other is `open`. */
export const CLOSED_STATES = (Object.keys(CASE_STATUS) as CaseState[]).filter((state) =>
  ['RESPONDED', 'PUBLISHED', 'NOT_PUBLISHED', 'CLOSED', 'REJECTED', 'MERGED'].includes(state),
);
export const OPEN_STATES = (Object.keys(CASE_STATUS) as CaseState[]).filter((state) => !CLOSED_STATES.includes(state));

const KIND_NAMES: Record<CaseKind, [lo: string, en: string]> = {
  complaint: ['ຄຳຮ້ອງທຸກ', 'Complaint'],
  suggestion: ['ຄຳສະເໜີ', 'Suggestion'],
  comment: ['ຄຳເຫັນ', 'Comment'],
  question: ['ຄຳຖາມ', 'Question'],
  compliment: ['ຄຳຊົມເຊີຍ', 'Compliment'],
};

const pick = <T>(pair: [T, T, ...unknown[]], lang: Lang) => (lang === 'en' ? pair[1] : pair[0]);
const nameOf = (topic: TopicRecord | undefined, lang: Lang) => topic && (lang === 'en' ? topic.nameEn : topic.nameLo);

/** A topic of the taxonomy as a GeoReport service: every one takes the `kind` attribute, so `metadata` is true. */
export function serviceView(topic: TopicRecord, lang: Lang) {
  return {
    service_code: topic.code,
    service_name: nameOf(topic, lang),
    description:
      lang === 'en'
        ? `Complaints, suggestions, comments, questions and compliments about ${topic.nameEn.toLowerCase()}`
        : `ຄຳຮ້ອງທຸກ, ຄຳສະເໜີ, ຄຳເຫັນ, ຄຳຖາມ ແລະ ຄຳຊົມເຊີຍ ກ່ຽວກັບ${topic.nameLo}`,
    metadata: true,
    type: 'realtime',
    keywords: [topic.code.replace(/-/g, ' '), topic.nameEn, topic.nameLo].join(','),
    group: topic.ministry ?? 'PMO',
  };
}

/** The attributes a service takes: the kind of the submission (a complaint unless said otherwise). */
export function serviceDefinition(topic: TopicRecord, lang: Lang) {
  return {
    service_code: topic.code,
    attributes: [
      {
        variable: true,
        code: 'kind',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: lang === 'en' ? 'A complaint unless another is chosen' : 'ຄຳຮ້ອງທຸກ ຖ້າບໍ່ໄດ້ເລືອກອື່ນ',
        order: 1,
        description: lang === 'en' ? 'What is it?' : 'ແມ່ນຫຍັງ?',
        values: CASE_KINDS.map((kind) => ({ key: kind, name: pick(KIND_NAMES[kind], lang) })),
      },
    ],
  };
}

/** The place code a case is at, the most precise one it has (village, district, province). */
const placeOf = (record: CaseRecord) => record.village ?? record.district ?? record.province;

/**
 * A case as GeoReport v2's service request. Anyone holding a case number reads this, so it carries no one's words
 * until the Office published them: the description and the answer are the approved public summary, the exact
 * location only once published; before that, the status, the topic, the place code, the ministry and the dates.
 */
export function requestView(record: CaseRecord, topic: TopicRecord | undefined, lang: Lang) {
  const published = record.publishedAt ? record.publishedSummary : null;
  const question = published && (lang === 'en' ? (published.questionEn ?? published.questionLo) : published.questionLo);
  const answer = published && (lang === 'en' ? (published.answerEn ?? published.answerLo) : published.answerLo);
  return {
    service_request_id: record.number,
    status: CLOSED_STATES.includes(record.state) ? 'closed' : 'open',
    status_notes: answer ?? pick(CASE_STATUS[record.state], lang),
    service_name: nameOf(topic, lang) ?? record.topic,
    service_code: record.topic,
    description: question ?? null,
    agency_responsible: record.ministry,
    service_notice: null,
    requested_datetime: record.createdAt.toISOString(),
    updated_datetime: record.updatedAt.toISOString(),
    expected_datetime: null,
    address: null,
    address_id: placeOf(record),
    zipcode: null,
    lat: published ? record.lat : null,
    long: published ? record.long : null,
    media_url: null,
  };
}

/**
 * The widely used extension (`extensions=true`): the request's status history as notes, each with the richer
 * status of the updates extension. The steps' reasons are officers' words to the submitter: not shown here.
 */
export function extendedAttributes(record: CaseRecord, history: HistoryEntry[], lang: Lang) {
  return {
    kind: record.kind,
    notes: history.map((entry) => ({
      datetime: entry.at.toISOString(),
      status: CASE_STATUS[entry.toState as CaseState]?.[2] ?? 'open',
      description: pick(CASE_STATUS[entry.toState as CaseState] ?? CASE_STATUS.RECEIVED, lang),
    })),
  };
}

/** What a submitter is told on receipt: the case number and, for following it anywhere, the PIN. */
export function receiptNotice(number: string, pin: string | undefined, lang: Lang): string {
  if (lang === 'en') {
    return `Received as case ${number}.${pin ? ` Keep your PIN ${pin}: with the case number it lets you follow the case on the web, by SMS or by calling 1516.` : ''} The Prime Minister's Office routes it to the responsible unit.`;
  }
  return `ໄດ້ຮັບເປັນເລື່ອງເລກທີ ${number}.${pin ? ` ກະລຸນາເກັບລະຫັດ PIN ${pin} ໄວ້: ໃຊ້ພ້ອມເລກທີເພື່ອຕິດຕາມທາງເວັບ, SMS ຫຼື ໂທ 1516.` : ''} ສຳນັກງານນາຍົກລັດຖະມົນຕີ ຈະສົ່ງໃຫ້ໜ່ວຍງານທີ່ຮັບຜິດຊອບ.`;
}
