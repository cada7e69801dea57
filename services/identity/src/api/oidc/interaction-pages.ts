/**
 * The sign-in pages: plain HTML forms, no script, large text, labelled fields and an announced error region,
 * so they work on a basic phone over a slow link and with a screen reader; in Lao or English (ui_locales).
 */
export type Language = 'lo' | 'en';

const TEXT = {
  title: { lo: 'ເຂົ້າສູ່ລະບົບ OneDoor', en: 'Sign in to OneDoor' },
  citizen: { lo: 'ປະຊາຊົນ: ເລກປະຈຳຕົວ', en: 'Citizens: your ID number' },
  uin: { lo: 'ເລກປະຈຳຕົວ (UIN)', en: 'ID number (UIN)' },
  sendCode: { lo: 'ສົ່ງລະຫັດ', en: 'Send me a code' },
  code: { lo: 'ລະຫັດ 6 ຕົວເລກ', en: '6-digit code' },
  codeSent: {
    lo: 'ຖ້າເລກນີ້ລົງທະບຽນແລ້ວ, ພວກເຮົາໄດ້ສົ່ງລະຫັດໄປທາງ SMS ຫຼື ອີເມວ.',
    en: 'If this number is enrolled, we sent a code by SMS or email.',
  },
  confirm: { lo: 'ຢືນຢັນ', en: 'Confirm' },
  civilServant: { lo: 'ພະນັກງານລັດ', en: 'Civil servants' },
  employeeNumber: { lo: 'ເລກພະນັກງານ', en: 'Employee number' },
  password: { lo: 'ລະຫັດຜ່ານ', en: 'Password' },
  authenticator: { lo: 'ລະຫັດຈາກແອັບຢືນຢັນ', en: 'Code from your authenticator app' },
  signIn: { lo: 'ເຂົ້າລະບົບ', en: 'Sign in' },
  invalid: { lo: 'ຂໍ້ມູນບໍ່ຖືກຕ້ອງ. ກະລຸນາລອງໃໝ່.', en: 'That did not match. Please try again.' },
  locked: {
    lo: 'ພະຍາຍາມຫຼາຍເກີນໄປ. ກະລຸນາລໍຖ້າ {minutes} ນາທີ.',
    en: 'Too many attempts. Please wait {minutes} minutes.',
  },
  consentTitle: { lo: 'ອະນຸຍາດການເຂົ້າເຖິງ', en: 'Allow access' },
  consentBody: { lo: '{client} ຂໍເບິ່ງ: {scopes}', en: '{client} asks to see: {scopes}' },
  allow: { lo: 'ອະນຸຍາດ', en: 'Allow' },
  deny: { lo: 'ບໍ່ອະນຸຍາດ', en: 'Deny' },
  other: { lo: 'English', en: 'ພາສາລາວ' },
  phone: { lo: 'ເຂົ້າລະບົບດ້ວຍໂທລະສັບຂອງທ່ານ', en: 'Sign in with your phone' },
  phoneHint: {
    lo: 'ສະແກນລະຫັດ QR ດ້ວຍແອັບໃນໂທລະສັບຂອງທ່ານ, ອະນຸຍາດໃນໂທລະສັບ, ແລ້ວກົດ "ສືບຕໍ່".',
    en: 'Scan the QR code with the app on your phone, approve on the phone, then press "Continue".',
  },
  phoneCode: { lo: 'ຫຼື ພິມລະຫັດນີ້ໃນແອັບ: {code}', en: 'Or type this code in the app: {code}' },
  phoneContinue: { lo: 'ສືບຕໍ່', en: 'Continue' },
  phoneWaiting: {
    lo: 'ຍັງບໍ່ໄດ້ຮັບການອະນຸຍາດຈາກໂທລະສັບ. ກະລຸນາອະນຸຍາດໃນແອັບ ແລ້ວກົດ "ສືບຕໍ່" ອີກຄັ້ງ.',
    en: 'Not approved on the phone yet. Approve in the app, then press "Continue" again.',
  },
  phoneEnded: {
    lo: 'ລະຫັດນີ້ໝົດອາຍຸ ຫຼື ຖືກໃຊ້ແລ້ວ. ກະລຸນາເລີ່ມໃໝ່.',
    en: 'This code has expired or was used. Please start again.',
  },
  phoneAgain: { lo: 'ສ້າງລະຫັດໃໝ່', en: 'Show a new code' },
} as const;

export type TextKey = keyof typeof TEXT;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function t(language: Language, key: TextKey, values: Record<string, string | number> = {}): string {
  return TEXT[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

function page(language: Language, uid: string, body: string, error?: string): string {
  const other: Language = language === 'lo' ? 'en' : 'lo';
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(language, 'title'))}</title>
<style>body{font:1.125rem/1.6 system-ui,"Noto Sans Lao",sans-serif;max-width:32rem;margin:1rem auto;padding:0 1rem}
label{display:block;margin-top:.75rem;font-weight:600}input{font-size:1.125rem;padding:.5rem;width:100%;box-sizing:border-box}
button{font-size:1.125rem;padding:.6rem 1.2rem;margin-top:1rem}[role=alert]{color:#a00000;font-weight:600}
section{border-top:1px solid #888;margin-top:1.5rem}a{color:#0040a0}</style></head>
<body><main>
<h1>${escapeHtml(t(language, 'title'))}</h1>
<p><a href="/identity/interaction/${escapeHtml(uid)}?lang=${other}" lang="${other}">${escapeHtml(t(language, 'other'))}</a></p>
<div role="alert" aria-live="assertive">${error ? escapeHtml(error) : ''}</div>
${body}
</main></body></html>`;
}

export function loginPage(language: Language, uid: string, error?: string, uin = ''): string {
  const action = (path: string) => `/identity/interaction/${escapeHtml(uid)}/${path}?lang=${language}`;
  return page(
    language,
    uid,
    `<section><h2>${escapeHtml(t(language, 'citizen'))}</h2>
<form method="post" action="${action('citizen')}">
<label for="uin">${escapeHtml(t(language, 'uin'))}</label>
<input id="uin" name="uin" inputmode="numeric" autocomplete="username" required value="${escapeHtml(uin)}">
<button type="submit">${escapeHtml(t(language, 'sendCode'))}</button></form></section>
<section><h2>${escapeHtml(t(language, 'phone'))}</h2>
<p><a href="${action('phone')}">${escapeHtml(t(language, 'phone'))}</a></p></section>
<section><h2>${escapeHtml(t(language, 'civilServant'))}</h2>
<form method="post" action="${action('civil-servant')}">
<label for="employeeNumber">${escapeHtml(t(language, 'employeeNumber'))}</label>
<input id="employeeNumber" name="employeeNumber" autocomplete="username" required>
<label for="password">${escapeHtml(t(language, 'password'))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<label for="totp">${escapeHtml(t(language, 'authenticator'))}</label>
<input id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">${escapeHtml(t(language, 'signIn'))}</button></form></section>`,
    error,
  );
}

export function codePage(language: Language, uid: string, uin: string, challengeId: string, error?: string): string {
  return page(
    language,
    uid,
    `<p>${escapeHtml(t(language, 'codeSent'))}</p>
<form method="post" action="/identity/interaction/${escapeHtml(uid)}/citizen/code?lang=${language}">
<input type="hidden" name="uin" value="${escapeHtml(uin)}"><input type="hidden" name="challengeId" value="${escapeHtml(challengeId)}">
<label for="code">${escapeHtml(t(language, 'code'))}</label>
<input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">${escapeHtml(t(language, 'confirm'))}</button></form>`,
    error,
  );
}

export function consentPage(language: Language, uid: string, client: string, scopes: string[]): string {
  return page(
    language,
    uid,
    `<h2>${escapeHtml(t(language, 'consentTitle'))}</h2>
<p>${escapeHtml(t(language, 'consentBody', { client, scopes: scopes.join(', ') }))}</p>
<form method="post" action="/identity/interaction/${escapeHtml(uid)}/consent?lang=${language}">
<button type="submit" name="decision" value="allow">${escapeHtml(t(language, 'allow'))}</button>
<button type="submit" name="decision" value="deny">${escapeHtml(t(language, 'deny'))}</button></form>`,
  );
}

/**
 * Signing in at a counter with a phone: the QR code (an SVG drawn on the server: no script) carries the link code
 * for the person's wallet app; the person approves on the phone and presses Continue here.
 */
export function phonePage(
  language: Language,
  uid: string,
  link: { code: string; qrSvg: string } | undefined,
  message?: string,
): string {
  const action = `/identity/interaction/${escapeHtml(uid)}/phone?lang=${language}`;
  const body = link
    ? `<h2>${escapeHtml(t(language, 'phone'))}</h2>
<p>${escapeHtml(t(language, 'phoneHint'))}</p>
<figure role="img" aria-label="QR">${link.qrSvg}</figure>
<p>${escapeHtml(t(language, 'phoneCode', { code: link.code }))}</p>
<form method="post" action="${action}"><input type="hidden" name="linkCode" value="${escapeHtml(link.code)}">
<button type="submit">${escapeHtml(t(language, 'phoneContinue'))}</button></form>`
    : `<p><a href="${action}">${escapeHtml(t(language, 'phoneAgain'))}</a></p>`;
  return page(language, uid, body, message);
}
