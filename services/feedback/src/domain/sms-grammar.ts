import { normaliseTrackingCode } from '@onedoor/application';
import type { CaseKind } from './case';

/**
 * What a text message to 1516 asks, in Lao or Latin script. Words are matched without tone marks and case, so
 * `ຮ້ອງທຸກ`, `ຮອງທຸກ` and `Complaint` all read. Anything else is a complaint in free text.
 *
 *   <kind> [<topic>] [#<place>] <text>     a new case (kind: complaint, suggestion, question, comment, compliment)
 *   STATUS <case number> <PIN>             where the case is              (Lao: ສະຖານະ)
 *   INFO <case number> <PIN> <text>        more information, when asked   (Lao: ຂໍ້ມູນ)
 *   HELP                                   how to write to 1516           (Lao: ຊ່ວຍ)
 */
export type SmsRequest =
  | { intent: 'submit'; kind: CaseKind; topic?: string; place?: string; description: string; lao: boolean }
  | { intent: 'status'; number: string; pin: string; lao: boolean }
  | { intent: 'inform'; number: string; pin: string; text: string; lao: boolean }
  | { intent: 'help'; lao: boolean; problem?: 'number' | 'text' };

const KINDS: Record<string, CaseKind> = {
  c: 'complaint',
  complaint: 'complaint',
  complain: 'complaint',
  ຮອງທຸກ: 'complaint',
  s: 'suggestion',
  suggestion: 'suggestion',
  suggest: 'suggestion',
  ສະເໜີ: 'suggestion',
  ສະເຫນີ: 'suggestion',
  q: 'question',
  question: 'question',
  ຖາມ: 'question',
  k: 'comment',
  comment: 'comment',
  ຄຳເຫັນ: 'comment',
  ຄໍາເຫັນ: 'comment',
  t: 'compliment',
  thanks: 'compliment',
  compliment: 'compliment',
  ຊົມເຊີຍ: 'compliment',
  ຂອບໃຈ: 'compliment',
};
const STATUS = new Set(['status', 'ສະຖານະ']);
const INFO = new Set(['info', 'ຂໍມູນ']);
const HELP = new Set(['help', '?', 'ຊວຍ']);

/** A keyword as compared: NFC, lower case, without Lao tone marks. */
export const keyword = (word: string) =>
  word
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\u0EC8-\u0ECB]/g, '');

const LAO = /[\u0E80-\u0EFF]/;

/** A case number as typed in a message (any case, with or without dashes), or undefined. */
export function caseNumberOf(word: string | undefined): string | undefined {
  const match = word && /^1516-?(.+)$/i.exec(word);
  const code = match ? normaliseTrackingCode(match[1]) : undefined;
  return code && `1516-${code}`;
}

/**
 * Reads a message. `topics` maps a topic's keywords (its code, its Lao and English names, as `keyword` makes them)
 * to its code.
 */
export function parseSms(text: string, topics: ReadonlyMap<string, string>): SmsRequest {
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const lao = LAO.test(text);
  const [first = '', ...rest] = words;
  const head = keyword(first);
  if (!words.length || HELP.has(head)) return { intent: 'help', lao };
  if (STATUS.has(head) || INFO.has(head)) {
    const number = caseNumberOf(rest[0]);
    const pin = rest[1];
    if (!number || !pin || !/^\d{6}$/.test(pin)) return { intent: 'help', lao, problem: 'number' };
    if (STATUS.has(head)) return { intent: 'status', number, pin, lao };
    const more = rest.slice(2).join(' ');
    if (!more) return { intent: 'help', lao, problem: 'text' };
    return { intent: 'inform', number, pin, text: more, lao };
  }
  const kind = KINDS[head];
  const body = kind ? rest : words;
  let i = 0;
  const topic = body[i] !== undefined ? topics.get(keyword(body[i])) : undefined;
  if (topic) i += 1;
  const place = body[i] && /^#(\d{2}|\d{4}|\d{7})$/.test(body[i]) ? body[i].slice(1) : undefined;
  if (place) i += 1;
  const description = body.slice(i).join(' ');
  if (description.length < 10) return { intent: 'help', lao, problem: 'text' };
  return { intent: 'submit', kind: kind ?? 'complaint', topic, place, description, lao };
}
