import { t, type Lang } from '../i18n/messages';

export const CASE_KINDS = ['complaint', 'suggestion', 'comment', 'question', 'compliment'] as const;
export const PROVINCES: [code: string, lo: string, en: string][] = [
  ['01', 'ນະຄອນຫຼວງວຽງຈັນ', 'Vientiane Capital'],
  ['02', 'ຜົ້ງສາລີ', 'Phongsaly'],
  ['03', 'ຫຼວງນ້ຳທາ', 'Luang Namtha'],
  ['04', 'ອຸດົມໄຊ', 'Oudomxay'],
  ['05', 'ບໍ່ແກ້ວ', 'Bokeo'],
  ['06', 'ຫຼວງພະບາງ', 'Luang Prabang'],
  ['07', 'ຫົວພັນ', 'Houaphanh'],
  ['08', 'ໄຊຍະບູລີ', 'Xayaboury'],
  ['09', 'ຊຽງຂວາງ', 'Xiengkhouang'],
  ['10', 'ວຽງຈັນ', 'Vientiane'],
  ['11', 'ບໍລິຄຳໄຊ', 'Bolikhamxay'],
  ['12', 'ຄຳມ່ວນ', 'Khammouane'],
  ['13', 'ສະຫວັນນະເຂດ', 'Savannakhet'],
  ['14', 'ສາລະວັນ', 'Salavanh'],
  ['15', 'ເຊກອງ', 'Sekong'],
  ['16', 'ຈຳປາສັກ', 'Champasack'],
  ['17', 'ອັດຕະປື', 'Attapeu'],
  ['18', 'ໄຊສົມບູນ', 'Xaysomboun'],
];

export interface ComplaintForm {
  kind?: string;
  topic?: string;
  description?: string;
  identity?: string;
  province?: string;
  district?: string;
  contactPhone?: string;
}

/** The form's problems in the citizen's language, before the feedback block is asked (it checks again). */
export function complaintErrors(lang: Lang, form: ComplaintForm, topics: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!CASE_KINDS.includes(form.kind as never)) errors.kind = t(lang, 'errorKind');
  if (!form.topic || !topics.includes(form.topic)) errors.topic = t(lang, 'errorTopic');
  const length = [...(form.description ?? '')].length;
  if (length < 10 || length > 5_000) errors.description = t(lang, 'errorDescription');
  if (form.province && !PROVINCES.some(([code]) => code === form.province)) errors.province = t(lang, 'errorProvince');
  if (form.district && !/^\d{4}$/.test(form.district)) errors.district = t(lang, 'errorDistrict');
  if (form.district && !form.province) errors.province = t(lang, 'errorProvince');
  if (form.district && form.province && !form.district.startsWith(form.province))
    errors.district = t(lang, 'errorDistrict');
  if (form.contactPhone && !/^\+?[0-9]{8,15}$/.test(form.contactPhone.replace(/[\s-]/g, ''))) {
    errors.contactPhone = t(lang, 'errorPhone');
  }
  return errors;
}
