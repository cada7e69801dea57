import type { CaseState } from '../../domain';
import { statusText } from '../../domain';

type Lang = 'lo' | 'en';
const say = (lang: Lang, lo: string, en: string) => (lang === 'en' ? en : lo);

/** The replies to a text message to 1516, in the language it was written in (Lao script: Lao). */
export const SMS_REPLIES = {
  received: (lang: Lang, number: string, pin: string) =>
    say(
      lang,
      `1516: ໄດ້ຮັບເລື່ອງແລ້ວ. ເລກເລື່ອງ ${number} PIN ${pin}. ກວດສະຖານະ: ສົ່ງ ສະຖານະ ${number} ${pin}`,
      `1516: received as case ${number}, PIN ${pin}. For its status, send: STATUS ${number} ${pin}`,
    ),
  again: (lang: Lang, number: string) =>
    say(lang, `1516: ຂໍ້ຄວາມນີ້ໄດ້ຮັບແລ້ວ ເປັນເລື່ອງ ${number}.`, `1516: this message was received before, as case ${number}.`),
  status: (lang: Lang, number: string, state: CaseState) =>
    say(lang, `1516: ເລື່ອງ ${number}: ${statusText(state, 'lo')}.`, `1516: case ${number}: ${statusText(state, 'en')}.`),
  informed: (lang: Lang, number: string) =>
    say(lang, `1516: ໄດ້ຮັບຂໍ້ມູນເພີ່ມສຳລັບເລື່ອງ ${number} ແລ້ວ.`, `1516: your information for case ${number} was received.`),
  notAsked: (lang: Lang, number: string) =>
    say(
      lang,
      `1516: ເລື່ອງ ${number} ບໍ່ໄດ້ລໍຖ້າຂໍ້ມູນເພີ່ມ. ໂທ 1516 ຖ້າມີຫຍັງເພີ່ມ.`,
      `1516: case ${number} is not waiting for information. Call 1516 to add anything.`,
    ),
  notFound: (lang: Lang) => say(lang, '1516: ເລກເລື່ອງ ຫຼື PIN ບໍ່ຖືກຕ້ອງ.', '1516: the case number or PIN is not right.'),
  tooMany: (lang: Lang) =>
    say(
      lang,
      '1516: ສົ່ງຫຼາຍເກີນໄປ. ກະລຸນາລອງໃໝ່ພາຍຫຼັງ ຫຼື ໂທ 1516.',
      '1516: too many messages. Try again later, or call 1516.',
    ),
  unknownPlace: (lang: Lang) =>
    say(
      lang,
      '1516: ລະຫັດສະຖານທີ່ບໍ່ຖືກຕ້ອງ. ຂຽນ #ລະຫັດເມືອງ ເຊັ່ນ #0101, ຫຼື ບໍ່ຕ້ອງໃສ່.',
      '1516: unknown place code. Write #district code such as #0101, or leave it out.',
    ),
  help: (lang: Lang) =>
    say(
      lang,
      '1516: ສົ່ງ: ຮ້ອງທຸກ/ສະເໜີ/ຖາມ/ຄຳເຫັນ/ຊົມເຊີຍ ແລ້ວຕາມດ້ວຍເລື່ອງ (10 ຕົວຂຶ້ນໄປ). ຕິດຕາມ: ສະຖານະ ເລກເລື່ອງ PIN. ເພີ່ມຂໍ້ມູນ: ຂໍ້ມູນ ເລກເລື່ອງ PIN ຂໍ້ຄວາມ.',
      '1516: send COMPLAINT, SUGGEST, QUESTION, COMMENT or THANKS and your message (10+ characters). Follow: STATUS number PIN. Add: INFO number PIN text.',
    ),
};
