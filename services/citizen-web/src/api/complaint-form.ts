import { t, type Lang } from '../i18n/messages';

export const CASE_KINDS = ['complaint', 'suggestion', 'comment', 'question', 'compliment'] as const;

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
/** `topics` and `provinces`: the codes the feedback and identity blocks publish. */
export function complaintErrors(
  lang: Lang,
  form: ComplaintForm,
  topics: string[],
  provinces: string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!CASE_KINDS.includes(form.kind as never)) errors.kind = t(lang, 'errorKind');
  if (!form.topic || !topics.includes(form.topic)) errors.topic = t(lang, 'errorTopic');
  const length = [...(form.description ?? '')].length;
  if (length < 10 || length > 5_000) errors.description = t(lang, 'errorDescription');
  if (form.province && !provinces.includes(form.province)) errors.province = t(lang, 'errorProvince');
  if (form.district && !/^\d{4}$/.test(form.district)) errors.district = t(lang, 'errorDistrict');
  if (form.district && !form.province) errors.province = t(lang, 'errorProvince');
  if (form.district && form.province && !form.district.startsWith(form.province))
    errors.district = t(lang, 'errorDistrict');
  if (form.contactPhone && !/^\+?[0-9]{8,15}$/.test(form.contactPhone.replace(/[\s-]/g, ''))) {
    errors.contactPhone = t(lang, 'errorPhone');
  }
  return errors;
}
