import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { api, freePort, startProcess, waitFor, type RunningProcess } from '@onedoor/testing';
import { SEED_CITIZEN } from '../src/seed/seed';
import {
  axeViolations,
  DESKTOP,
  horizontalOverflow,
  launchChromium,
  newPerson,
  PHONE,
  screenshotPath,
  SLOW_3G,
  watchTransfer,
  type AxeViolation,
} from './citizen-web/browser';
import { fuzzRoutes } from './citizen-web/route-fuzz';
import { openHotlineDesk, type HotlineDesk } from './journeys/hotline-complaint';
import { PDF, publishOneDoorService, type OneDoorService } from './journeys/one-door-application';
import { expectStatus, registerClient, serviceToken } from './journeys/people';
import { startJourneyPlatform, type JourneyPlatform } from './journeys/platform';

/** At most this much compressed JavaScript and CSS on a citizen's page (its first load). */
const BUDGET_BYTES = 150 * 1024;
/** On slow 3G, a page is usable (its content and, on the eForm, the form) within this. */
const SLOW_3G_USABLE_MS = 5_000;
/** Where the run writes what it measured: `npm run bench -- citizen-web` reports it. */
/** The hotline's limit per source in this test: a citizen's own, not the app's for everyone. */
const SUBMISSIONS_PER_HOUR = 4;
const RESULTS = path.resolve(__dirname, '../../../bench/results/citizen-web-e2e.json');

interface PageCheck {
  name: string;
  lang: string;
  width: number;
  violations: AxeViolation[];
  overflow: number;
  scriptBytes?: number;
  cssBytes?: number;
}

/**
 * The citizen's web app as people use it: Debian's Chromium (headless, playwright-core) driving the app's pages
 * against the running platform (embedded), through the two journeys: apply with a document, be sent back, correct,
 * be approved, download the certificate, rate; complain anonymously and follow the case by number and PIN. Every
 * page is checked as it is reached: axe-core (WCAG 2.1 A and AA) in Lao and English, nothing wider than a 360 px
 * phone, its JavaScript and CSS within the budget; each is photographed (Lao and English, phone and desktop) for
 * the guide.
 */
describe("the citizen's web app in a browser", () => {
  let platform: JourneyPlatform;
  let web: RunningProcess;
  let webUrl: string;
  let browser: Browser;
  let onedoor: OneDoorService;
  let desk: HotlineDesk;
  let uin: string;
  const checks: PageCheck[] = [];
  const slow: { page: string; usableMs: number }[] = [];
  /** The citizen's cookies once signed in (the eForm's page is measured on slow 3G with them). */
  let signedIn: BrowserContextOptions['storageState'];

  beforeAll(async () => {
    // The app's client is made by the identity block at start from its settings, as a deployment makes it.
    const port = await freePort();
    webUrl = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString('base64url');
    // The app is the proxy in front of the blocks (on loopback here): its X-Forwarded-For names the citizen.
    platform = await startJourneyPlatform('embedded', {
      TRUSTED_PROXIES: 'loopback',
      FEEDBACK_SUBMISSIONS_PER_HOUR: String(SUBMISSIONS_PER_HOUR),
      IDENTITY_WEB_CLIENTS: `citizen-web=${webUrl}/signin/callback`,
      IDENTITY_WEB_CLIENT_SECRETS: `citizen-web=${secret}`,
    });
    onedoor = await publishOneDoorService(platform);
    desk = await openHotlineDesk(platform);
    const enrolled = await api(`${platform.urls.identity}/persons`, {
      method: 'POST',
      token: onedoor.hr,
      body: SEED_CITIZEN,
    });
    uin = expectStatus(enrolled, 201).json.uin as string;
    web = await startProcess(
      'dist/services/citizen-web/src/main.js',
      {
        CITIZEN_WEB_PORT: String(port),
        CITIZEN_WEB_API_URL: new URL(platform.urls.identity).origin,
        CITIZEN_WEB_CLIENT_SECRET: secret,
        ONEDOOR_DATA_DIR: 'memory',
        TRUSTED_PROXIES: 'loopback',
      },
      `${webUrl}/health/ready`,
    );
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    mkdirSync(path.dirname(RESULTS), { recursive: true });
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ measuredAt: new Date().toISOString(), pages: checks, slow3g: slow }, null, 2)}\n`,
    );
    await browser?.close();
    await web?.stop();
    await platform?.close();
  });

  /**
   * The page as it is now: axe and the width at the phone; then, when it is reached by its address, the same page
   * loaded fresh in the other language and at desktop width (axe, budget, screenshot) with the same cookies.
   */
  async function check(page: Page, name: string, options: { revisit?: boolean; scripts?: boolean } = {}) {
    await page.waitForLoadState('load');
    const lang = (await page.getAttribute('html', 'lang')) ?? '?';
    let violations: AxeViolation[];
    if (options.scripts === false) {
      // axe is a script: the page without scripts is checked as loaded fresh in a browser that runs them.
      const context = await browser.newContext({
        viewport: PHONE,
        storageState: await page.context().storageState(),
        bypassCSP: true,
      });
      const same = await context.newPage();
      await same.goto(page.url(), { waitUntil: 'load' });
      violations = await axeViolations(same);
      await context.close();
    } else {
      violations = await axeViolations(page);
    }
    checks.push({ name, lang, width: PHONE.width, violations, overflow: await horizontalOverflow(page) });
    await page.screenshot({ path: screenshotPath(`${name}.${lang}.phone`), type: 'jpeg', quality: 60, fullPage: true });
    if (options.revisit === false) return;
    const state = await page.context().storageState();
    for (const [language, viewport, device] of [
      [lang === 'lo' ? 'en' : 'lo', PHONE, 'phone'],
      ['lo', DESKTOP, 'desktop'],
      ['en', DESKTOP, 'desktop'],
    ] as const) {
      const context = await browser.newContext({ viewport, storageState: state, bypassCSP: true, locale: language });
      const other = await context.newPage();
      const transfer = watchTransfer(other);
      const url = new URL(page.url());
      url.searchParams.set('lang', language);
      await other.goto(url.href, { waitUntil: 'load' });
      const bytes = await transfer();
      checks.push({
        name,
        lang: language,
        width: viewport.width,
        violations: await axeViolations(other),
        overflow: await horizontalOverflow(other),
        scriptBytes: bytes.script,
        cssBytes: bytes.css,
      });
      await other.screenshot({
        path: screenshotPath(`${name}.${language}.${device}`),
        type: 'jpeg',
        quality: 60,
        fullPage: device === 'phone',
      });
      await context.close();
    }
  }

  /** Every check so far passed: no axe violation, nothing wider than the screen, within the budget. */
  function expectChecksPass() {
    const failing = checks.filter(
      (c) => c.violations.length || c.overflow > 0 || (c.scriptBytes ?? 0) + (c.cssBytes ?? 0) > BUDGET_BYTES,
    );
    expect(
      failing.map((c) => ({
        ...c,
        violations: c.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`),
      })),
    ).toEqual([]);
  }

  /**
   * The case by number and PIN, as its submitter asks for it. A lookup answered "not found" has happened
   * intermittently (2 of about 12 runs) for a case the Office reads at once: the Office's view of it is printed,
   * and the lookup asked once more; a second "not found" fails the test.
   */
  /** The case by number and PIN, as the person types them (posted: never in the address). */
  async function follow(page: Page, number: string, pin: string) {
    await page.goto(`${webUrl}/cases`);
    await page.fill('#number', number);
    await page.fill('#pin', pin);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/cases'),
      page.getByRole('button', { name: 'ສະແດງ' }).click(),
    ]);
    await page.waitForLoadState('load');
  }

  /** The page comes to show `text`; else the failure says what it shows instead. */
  async function shows(page: Page, text: string) {
    await page
      .getByText(text)
      .first()
      .waitFor()
      .catch(async (error: Error) => {
        const seen = await page
          .locator('main')
          .innerText()
          .catch(() => '(no page)');
        throw new Error(`${error.message}\n--- ${page.url()} shows:\n${seen.slice(0, 1_500)}`);
      });
  }

  const task = async (token: string, trackingCode: string) =>
    waitFor(`the task for ${trackingCode}`, async () => {
      const queue = await api(`${platform.urls.registration}/tasks`, { token });
      return ((queue.json.items ?? []) as { taskId: string; trackingCode?: string }[]).find(
        (t) => t.trackingCode === trackingCode,
      );
    });
  const complete = async (token: string, trackingCode: string, data: Record<string, string>) => {
    const { taskId } = await task(token, trackingCode);
    expectStatus(
      await api(`${platform.urls.registration}/tasks/${taskId}/complete`, { method: 'POST', token, body: { data } }),
      200,
    );
  };

  it('a citizen signs in, applies with a document, is sent back, corrects, is approved, downloads the certificate and rates', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await page.goto(webUrl);
    await check(page, '01-home');

    await page.getByRole('link', { name: 'ບໍລິການ', exact: true }).click();
    // Browsed by what it is about: business and trade has the import licence, health does not.
    await page.selectOption('#topic', 'health');
    await page.getByRole('button', { name: 'ຄົ້ນຫາ' }).click();
    await page.waitForURL(/topic=health/);
    await expect(page.getByRole('link', { name: 'ໃບອະນຸຍາດນຳເຂົ້າ' }).count()).resolves.toBe(0);
    await page.selectOption('#topic', 'business');
    await page.getByRole('button', { name: 'ຄົ້ນຫາ' }).click();
    await page.waitForURL(/topic=business/);
    await check(page, '02-catalogue');
    await page.getByRole('link', { name: 'ໃບອະນຸຍາດນຳເຂົ້າ' }).click();
    await shows(page, 'ທຸລະກິດ ແລະ ການຄ້າ');
    await check(page, '03-service');

    // The form can be read and filled before signing in; it is checked as typed, in Lao.
    await page.getByRole('link', { name: 'ເຂົ້າສູ່ລະບົບເພື່ອຍື່ນຄຳຮ້ອງ' }).click();
    await page.waitForURL(/\/services\/import-licence\/apply/);
    // Each field is found by its label, as a screen reader announces it.
    await expect(page.getByLabel('ຊື່ບໍລິສັດ').count()).resolves.toBe(1);
    await page.getByLabel('ຊື່ບໍລິສັດ').fill('ບ');
    await expect(page.getByText('ຕ້ອງມີຢ່າງໜ້ອຍ 2 ຕົວອັກສອນ').first().isVisible()).resolves.toBe(true);
    await page.getByLabel('ຊື່ບໍລິສັດ').fill('ບໍລິສັດ ບຸນມີ ການຄ້າ');
    await check(page, '04-eform-signed-out');

    // Sign in at the identity block: the UIN, then the code sent by SMS; back to the form, as filled.
    const before = platform.sms().length;
    await page.getByRole('button', { name: 'ເຂົ້າສູ່ລະບົບເພື່ອຍື່ນຄຳຮ້ອງ' }).click();
    await page.fill('#uin', uin);
    await check(page, '05-sign-in', { revisit: false });
    await page.locator('form:has(#uin) button[type=submit]').click();
    const text = await platform.smsTo(SEED_CITIZEN.phone, (t) => /\b\d{6}\b/.test(t), 'the sign-in code', before);
    await page.fill('#code', /\b(\d{6})\b/.exec(text)![1]);
    await page.locator('form:has(#code) button[type=submit]').click();

    // Prefilled with what the government holds, beside what the citizen typed before signing in.
    await page.waitForURL(/\/services\/import-licence\/apply/);
    await expect(page.getByLabel('ຊື່ເຈົ້າຂອງ').inputValue()).resolves.toBe('ບຸນມີ ແສງສຸລິນ');
    await expect(page.getByLabel('ຊື່ບໍລິສັດ').inputValue()).resolves.toBe('ບໍລິສັດ ບຸນມີ ການຄ້າ');
    await page.getByLabel('ສິນຄ້າທີ່ນຳເຂົ້າ').fill('ເຄື່ອງຈັກກະສິກຳ');
    await check(page, '06-eform');

    // The connection drops as the citizen saves: the draft stays on the phone and goes once it is back.
    await person.setOffline(true);
    await page.getByRole('button', { name: 'ຕໍ່ໄປ' }).click();
    await page.getByText('ບໍ່ມີອິນເຕີເນັດ').waitFor();
    await page.reload().catch(() => undefined); // offline: the page may not come back from the network
    await person.setOffline(false);
    if (!/\/applications\//.test(page.url())) {
      await page.goto(`${webUrl}/services/import-licence/apply`);
      await expect(page.getByLabel('ສິນຄ້າທີ່ນຳເຂົ້າ').inputValue()).resolves.toBe('ເຄື່ອງຈັກກະສິກຳ');
      await page.getByRole('button', { name: 'ຕໍ່ໄປ' }).click();
    }
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}\?notice=draftSaved/);
    const applicationUrl = page.url().split('?')[0];
    signedIn = await person.storageState();
    await check(page, '07-draft');

    // A document from the phone's camera or files, then submitted: the tracking code on screen.
    await page.setInputFiles('#file', { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'ຕິດຄັດ', exact: true }).click();
    await page.waitForURL(/notice=attached/);
    await page.getByRole('button', { name: 'ສົ່ງຄຳຮ້ອງ' }).click();
    await page.waitForURL(/notice=submitted/);
    const trackingCode = (await page.locator('.facts dd').first().textContent())!.trim();
    expect(trackingCode).toMatch(/^\S{6,}$/);
    await expect(page.getByTestId('status').textContent()).resolves.toBe('ກຳລັງພິຈາລະນາ');
    await check(page, '08-submitted');

    // The district sends it back with a reason; the citizen reads it and corrects the form.
    const reason = 'ກະລຸນາລະບຸຊື່ສິນຄ້າໃຫ້ຊັດເຈນ (Name the goods precisely)';
    await complete(onedoor.officers.district, trackingCode, { outcome: 'sendback', comment: reason });
    await waitFor('the application sent back', async () => {
      await page.goto(applicationUrl);
      return (await page.getByTestId('status').textContent()) === 'ສົ່ງຄືນໃຫ້ແກ້ໄຂ' ? true : undefined;
    });
    await expect(page.getByTestId('sendback-reason').textContent()).resolves.toBe(reason);
    await check(page, '09-sent-back');
    await page.getByRole('link', { name: 'ແກ້ໄຂ ແລະ ສົ່ງຄືນ' }).click();
    await page.getByLabel('ສິນຄ້າທີ່ນຳເຂົ້າ').fill('ລົດໄຖນາ 2 ຄັນ');
    await page.getByRole('button', { name: 'ຕໍ່ໄປ' }).click();
    await page.waitForURL(/notice=draftSaved/);
    await page.getByRole('button', { name: 'ສົ່ງຄືນ', exact: true }).click();
    await page.waitForURL(/notice=resubmitted/);

    // Three offices approve; the citizen downloads the certificate and rates the service.
    await waitFor('the corrected application at the district', async () => {
      const queue = await api(`${platform.urls.registration}/tasks`, { token: onedoor.officers.district });
      return ((queue.json.items ?? []) as { trackingCode?: string }[]).some((t) => t.trackingCode === trackingCode)
        ? true
        : undefined;
    });
    await complete(onedoor.officers.district, trackingCode, { outcome: 'approve' });
    await complete(onedoor.officers.province, trackingCode, { outcome: 'approve' });
    await complete(onedoor.officers.ministry, trackingCode, { outcome: 'approve' });
    await waitFor('the application approved', async () => {
      await page.goto(applicationUrl);
      return (await page.getByTestId('status').textContent()) === 'ອະນຸມັດແລ້ວ' ? true : undefined;
    });
    await check(page, '10-approved');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'ດາວໂຫຼດໃບຢັ້ງຢືນ' }).click(),
    ]);
    const certificate = readFileSync((await download.path())!, 'utf8');
    // Named after the tracking code, without its check character when that is a symbol (`*`, `$`).
    expect(download.suggestedFilename()).toBe(
      `certificate-${trackingCode.replace(/[^A-Za-z0-9-]/g, '').replace(/-+$/, '')}.html`,
    );
    expect(certificate).toContain(trackingCode);
    expect(certificate).toMatch(/<pre[^>]*>[\w-]+\.[\w-]+\.[\w-]+<\/pre>/); // the signed credential (JWS)

    await waitFor('the rating form', async () => {
      await page.goto(applicationUrl);
      return (await page.locator('input[name=score]').count()) === 5 ? true : undefined;
    });
    await page.getByLabel('5 ຈາກ 5').check();
    await page.fill('#comment', 'ໄວ ແລະ ງ່າຍ');
    await page.getByRole('button', { name: 'ສົ່ງຄະແນນ' }).click();
    await page.waitForURL(/notice=thanksRating/);
    await waitFor('the rating recorded', async () => {
      await page.goto(applicationUrl);
      return (await page.locator('input[name=score]').count()) === 0 ? true : undefined;
    });
    await check(page, '11-rated');

    // My applications, then tracking by code without signing in (another phone, no script at all).
    await page.goto(`${webUrl}/applications`);
    await expect(page.getByText(trackingCode).count()).resolves.toBeGreaterThan(0);
    await check(page, '12-my-applications');
    const stranger = await newPerson(browser, { javaScriptEnabled: false });
    const tracking = await stranger.newPage();
    await tracking.goto(`${webUrl}/track`);
    await tracking.fill('#code', trackingCode);
    await tracking.fill('#phone', SEED_CITIZEN.phone.slice(-4));
    await tracking.getByRole('button', { name: 'ສະແດງ' }).click();
    await expect(tracking.locator('.badge').first().textContent()).resolves.toBe('ອະນຸມັດແລ້ວ');
    await expect(tracking.locator('.history li').count()).resolves.toBeGreaterThanOrEqual(3);
    await check(tracking, '13-tracking', { scripts: false });
    await stranger.close();

    // The inbox: a copy of what reached the citizen by SMS (the application's news), never a one-time code.
    await page.goto(`${webUrl}/messages`);
    await shows(page, trackingCode);
    await shows(page, 'ສົ່ງທາງ SMS ນຳ');
    expect(await page.locator('main').innerText()).not.toMatch(/OneDoor sign-in code|ລະຫັດເຂົ້າລະບົບ/);
    await check(page, '14-messages');

    // Settings: told by e-mail in English from now on; a new phone, confirmed with the code sent to it.
    await page.goto(`${webUrl}/settings`);
    await page.getByLabel('ອີເມວ').check();
    await page.getByRole('radio', { name: 'English' }).check();
    await page.getByRole('button', { name: 'ບັນທຶກ', exact: true }).click();
    await page.waitForURL(/notice=saved/);
    // Read back from the messaging block: the page shows what it answers.
    await page.goto(`${webUrl}/settings`);
    await expect(page.getByLabel('ອີເມວ').isChecked()).resolves.toBe(true);
    await expect(page.getByRole('radio', { name: 'English' }).isChecked()).resolves.toBe(true);
    const newPhone = '+8562055599777';
    const sent = platform.sms().length;
    await page.fill('#phone', newPhone);
    await page.getByRole('button', { name: 'ສົ່ງລະຫັດ' }).click();
    const code = await platform.smsTo(newPhone, (t) => /\b\d{6}\b/.test(t), 'the phone change code', sent);
    await page.fill('#code', /\b(\d{6})\b/.exec(code)![1]);
    await check(page, '15-settings-code', { revisit: false });
    await page.getByRole('button', { name: 'ຢືນຢັນ' }).click();
    await page.waitForURL(/notice=phoneChanged/);
    await expect(page.getByTestId('phone').textContent()).resolves.toMatch(/9777$/);
    await check(page, '16-settings');

    // A confidential complaint, signed in: no PIN; listed under "my cases", opened and answered without one.
    await page.goto(`${webUrl}/complain`);
    await page.getByLabel(/ປິດລັບ/).check();
    await page.selectOption('#topic', 'water-supply');
    await page.fill('#description', 'ໄຟຟ້າຕາມທາງບໍ່ຕິດ 2 ອາທິດແລ້ວ ຢູ່ບ້ານສີຖານ (street lights out)');
    await page.getByRole('button', { name: 'ສົ່ງ', exact: true }).click();
    const mine = (await page.getByTestId('case-number').textContent())!.trim();
    await expect(page.getByTestId('case-pin').count()).resolves.toBe(0);
    const step = (route: string, token: string, body: object = {}) =>
      api(`${platform.urls.feedback}/cases/${mine}/${route}`, { method: 'POST', token, body });
    expectStatus(await step('triage', desk.office), 200);
    expectStatus(await step('assign', desk.office, { unit: desk.unitCode, ministry: 'MPWT' }), 200);
    expectStatus(await step('startVerification', desk.unit), 200);
    expectStatus(await step('requestInformation', desk.unit, { reason: 'ຢູ່ຖະໜົນໃດ? (Which street?)' }), 200);
    await page.goto(`${webUrl}/cases`);
    await page.getByRole('link', { name: mine }).click();
    // A case number may end in `$` or `*` (its check symbol): compared as text, never as a pattern.
    await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/cases/${mine}`);
    await shows(page, 'Which street?');
    await check(page, '17-my-case', { revisit: false });
    await page.fill('#information', 'ຖະໜົນ 13 ເໜືອ');
    await page.getByRole('button', { name: 'ເພີ່ມຂໍ້ມູນ' }).click();
    await page.getByText('ສົ່ງຂໍ້ມູນແລ້ວ').waitFor();
    const office = await api(`${platform.urls.feedback}/cases/${mine}`, { token: desk.office });
    expect(office.json).toMatchObject({ state: 'VERIFYING', identity: 'confidential' });
    await page.goto(`${webUrl}/cases`);
    await check(page, '18-my-cases');
    // Signed out, the case's page asks to sign in; signed in as someone else, the feedback block answers "no such
    // case" (the authorisation matrix: "feedback GET /cases/{A's}").
    const signedOut = await fetch(`${webUrl}/cases/${mine}`, { redirect: 'manual' });
    expect([signedOut.status, signedOut.headers.get('location')]).toEqual([303, expect.stringContaining('/signin')]);
    await person.close();
    expectChecksPass();
  }, 480_000);

  it('a person complains anonymously, is asked for more, answers, and follows the case by number and PIN to the published answer', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await page.goto(`${webUrl}/complain`);
    await check(page, '20-complain');

    // A description too short: the form says so in Lao, keeps what was typed.
    await page.selectOption('#topic', 'water-supply');
    await page.fill('#description', 'ນ້ຳ');
    await page.evaluate('document.querySelector("#description").removeAttribute("minlength")');
    await page.getByRole('button', { name: 'ສົ່ງ', exact: true }).click();
    await expect(page.locator('#description-error').textContent()).resolves.toContain('10');
    await check(page, '21-complain-error', { revisit: false });

    const description = 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ ໃກ້ໂຮງຮຽນ';
    await page.fill('#description', description);
    await page.selectOption('#province', '01');
    await page.fill('#district', '0101');
    await page.fill('#contactPhone', '+8562055588301');
    await page.getByRole('button', { name: 'ສົ່ງ', exact: true }).click();
    const number = (await page.getByTestId('case-number').textContent())!.trim();
    const pin = (await page.getByTestId('case-pin').textContent())!.trim();
    expect(pin).toMatch(/^\d{6}$/);
    await check(page, '22-case-received', { revisit: false });

    // The Office routes it; the unit asks the person for more.
    const feedback = (route: string, token: string | undefined, body: object = {}) =>
      api(`${platform.urls.feedback}${route}`, { method: 'POST', token, body });
    expectStatus(await feedback(`/cases/${number}/triage`, desk.office), 200);
    expectStatus(
      await feedback(`/cases/${number}/assign`, desk.office, { unit: desk.unitCode, ministry: 'MPWT' }),
      200,
    );
    expectStatus(await feedback(`/cases/${number}/startVerification`, desk.unit), 200);
    const question = 'ບ້ານເລກທີເທົ່າໃດ? (Which house number?)';
    expectStatus(await feedback(`/cases/${number}/requestInformation`, desk.unit, { reason: question }), 200);

    // Followed by number and PIN (posted, never in the address): the question, answered.
    await follow(page, number, pin);
    await shows(page, question);
    expect(page.url()).not.toContain(pin);
    await check(page, '23-case-asked', { revisit: false });
    await page.fill('#information', 'ເຮືອນເລກທີ 12');
    await page.getByRole('button', { name: 'ເພີ່ມຂໍ້ມູນ' }).click();
    await page.getByText('ສົ່ງຂໍ້ມູນແລ້ວ').waitFor();

    // The unit finds it founded; the Office accepts and publishes the answer.
    const actions = [
      {
        description: 'ສ້ອມແປງທໍ່ນ້ຳ ບ້ານໂພນໄຊ (Repaired the main pipe)',
        evidence: 'Work order NPV-2026-118',
        completedAt: '2026-11-27',
      },
    ];
    expectStatus(await feedback(`/cases/${number}/recordFinding`, desk.unit, { finding: 'FOUNDED', actions }), 200);
    expectStatus(await feedback(`/cases/${number}/submitResponse`, desk.unit, { finding: 'FOUNDED', actions }), 200);
    expectStatus(await feedback(`/cases/${number}/acceptResponse`, desk.office), 200);
    const summary = {
      questionLo: 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ',
      answerLo: 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ ແລະ ນ້ຳໄຫຼປົກກະຕິ',
      questionEn: 'No tap water for 3 days in Ban Phonxay',
      answerEn: 'The main pipe was repaired and water runs again.',
    };
    expectStatus(await feedback(`/cases/${number}/publish`, desk.office, { summary }), 200);

    await follow(page, number, pin);
    await shows(page, summary.answerLo);
    await check(page, '24-case-answered', { revisit: false });

    // The published answer, searched without JavaScript, with no personal data.
    const reader = await newPerson(browser, { javaScriptEnabled: false });
    const answers = await reader.newPage();
    const found = await waitFor('the answer in the public search', async () => {
      await answers.goto(`${webUrl}/answers?q=${encodeURIComponent('ນ້ຳປະປາ')}`);
      return (await answers.getByText(summary.answerLo).count()) > 0 ? true : undefined;
    });
    expect(found).toBe(true);
    expect(await answers.content()).not.toContain('+8562055588301');
    // Narrowed by topic, province and publication date (the form, no script): found; in another province: not.
    const today = new Date().toISOString().slice(0, 10);
    await answers.selectOption('#topic', 'water-supply');
    await answers.selectOption('#province', '01');
    await answers.fill('#from', today);
    await answers.getByRole('button', { name: 'ຄົ້ນຫາ' }).click();
    await answers.waitForURL(/province=01/);
    await expect(answers.getByText(summary.answerLo).count()).resolves.toBe(1);
    // Below them, the hotline in numbers (a chart that is a table): a count from 1 to 4 is not shown.
    const water = answers.locator('table.bars tbody tr', { hasText: 'ນ້ຳປະປາ' });
    await expect(water.locator('td').first().innerText()).resolves.toBe('1–4');
    await expect(water.locator('.bar').count()).resolves.toBe(0);
    await check(answers, '25-answers', { scripts: false });
    await answers.selectOption('#province', '06');
    await answers.getByRole('button', { name: 'ຄົ້ນຫາ' }).click();
    await answers.waitForURL(/province=06/);
    await expect(answers.getByText(summary.answerLo).count()).resolves.toBe(0);
    await reader.close();
    await person.close();
    expectChecksPass();
  }, 240_000);

  it('a complaint is made with the keyboard alone, and the pages keep their content with text at 200 %', async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    await page.goto(webUrl);
    const focused = () => page.evaluate('document.activeElement && (document.activeElement.textContent || "").trim()');
    /** Tab until the focused element says `text` or is the field named so (at most 40 steps), as a keyboard user does. */
    const tabTo = async (text: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate('document.activeElement && document.activeElement.getAttribute("name")');
        if ((await focused()) === text || name === text) return;
      }
      throw new Error(`no focusable "${text}" within 40 tabs`);
    };
    // The first stop is the skip link; it leads into the page's main content.
    await page.keyboard.press('Tab');
    await expect(focused()).resolves.toBe('ໄປຫາເນື້ອໃນ');
    await tabTo('ແຈ້ງຄຳຮ້ອງທຸກ');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/complain$/);
    // Kind (arrow keys move between the radios), topic, description, province, district: typed, never clicked.
    await tabTo('kind');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('input[name=kind]:checked').getAttribute('value')).resolves.toBe('suggestion');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('topic');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ຂໍໃຫ້ເພີ່ມໄຟທາງຢູ່ຖະໜົນເສັ້ນນີ້ ເພາະມືດຫຼາຍຕອນກາງຄືນ');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown'); // the first province: Vientiane Capital (01)
    await page.keyboard.press('Tab');
    await page.keyboard.type('0101');
    await tabTo('ສົ່ງ');
    await page.keyboard.press('Enter');
    const number = (await page.getByTestId('case-number').textContent())!.trim();
    expect(number).toMatch(/^1516-/);
    const seen = await api(`${platform.urls.feedback}/cases/${number}`, { token: desk.office });
    expect(seen.json).toMatchObject({ kind: 'suggestion', province: '01', district: '0101', identity: 'anonymous' });

    // Text at 200 % on a 360 px phone: nothing cut off or to scroll sideways.
    for (const route of ['/', '/services', '/services/import-licence', '/track', '/complain', '/answers', '/cases']) {
      await page.goto(`${webUrl}${route}`);
      await page.evaluate('document.documentElement.style.fontSize = "200%"');
      await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    }
    await page.screenshot({ path: screenshotPath('30-text-200.lo.phone'), type: 'jpeg', quality: 60, fullPage: true });
    await person.close();
  });

  it("the hotline's limit per source counts each citizen, not the app that carries their complaints", async () => {
    // Citizens behind the ingress (which names them in X-Forwarded-For), each sending complaints through the app.
    const complain = async (citizen: string, i: number) => {
      const form = new URLSearchParams({
        kind: 'comment',
        topic: 'one-door-services',
        description: `ຄຳຄິດເຫັນທີ ${i}: ການບໍລິການດີຂຶ້ນຫຼາຍ`,
        key: randomUUID(),
      });
      const answer = await fetch(`${webUrl}/complain`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': citizen },
        body: form,
      });
      return { status: answer.status, page: await answer.text() };
    };
    for (let i = 1; i <= SUBMISSIONS_PER_HOUR; i++) expect((await complain('203.0.113.7', i)).status).toBe(201);
    const refused = await complain('203.0.113.7', SUBMISSIONS_PER_HOUR + 1);
    expect(refused.status).toBe(429);
    expect(refused.page).toContain('ສົ່ງຫຼາຍເກີນໄປໃນຊົ່ວໂມງນີ້');
    // Another citizen, through the same app, is not refused for the first one.
    expect((await complain('198.51.100.23', 1)).status).toBe(201);
  });

  it('at a counter, a citizen signs in by scanning the QR code with their phone, typing nothing on the shared computer', async () => {
    // Once, on the phone: the wallet app is bound to the person with the code sent to their phone by SMS.
    const phone = '+8562055577123';
    const person = expectStatus(
      await api(`${platform.urls.identity}/persons`, {
        method: 'POST',
        token: onedoor.hr,
        body: {
          ...SEED_CITIZEN,
          givenNameLo: 'ຄຳຫຼ້າ',
          givenNameEn: 'Khamla',
          dateOfBirth: '1984-09-21',
          sex: 'F',
          phone,
          email: 'khamla@example.la',
        },
      }),
      201,
    ).json as { uin: string };
    const walletSecret = await registerClient(platform, {
      clientId: 'wallet-backend',
      clientName: 'The government super app',
      redirectUris: [],
      grantTypes: ['client_credentials'],
      clientAuthMethods: ['client_secret_basic'],
      roles: ['identity.wallet'],
    });
    const wallet = await serviceToken(platform, 'wallet-backend', walletSecret);
    const govstack = async (route: string, request: Record<string, unknown>, token?: string) => {
      const answer = await api(`${platform.urls.identity}/govstack${route}`, {
        method: 'POST',
        token,
        body: { requestTime: new Date().toISOString(), request },
      });
      const json = expectStatus(answer, 200).json as { response?: Record<string, unknown>; errors?: unknown[] };
      expect({ route, errors: json.errors ?? [] }).toEqual({ route, errors: [] });
      return json.response ?? {};
    };
    const sent = platform.sms().length;
    await govstack('/binding-otp', { individualId: person.uin }, wallet);
    const sms = await platform.smsTo(phone, (t) => /\b\d{6}\b/.test(t), 'the wallet binding code', sent);
    const keys = await generateKeyPair('ES256', { extractable: true });
    const bound = await govstack(
      '/wallet-binding',
      {
        individualId: person.uin,
        authFactorType: 'WLA',
        format: 'jwt',
        challengeList: [{ authFactorType: 'OTP', challenge: /\b(\d{6})\b/.exec(sms)![1], format: 'alpha-numeric' }],
        publicKey: await exportJWK(keys.publicKey),
      },
      wallet,
    );

    // At the counter's computer: sign in, "with your phone": a QR code (and the same code in words).
    const counter = await newPerson(browser);
    const page = await counter.newPage();
    await page.goto(`${webUrl}/signin?return=${encodeURIComponent('/cases')}`);
    await page.getByRole('link', { name: 'ເຂົ້າລະບົບດ້ວຍໂທລະສັບຂອງທ່ານ' }).click();
    await expect(page.locator('svg, img').first().isVisible()).resolves.toBe(true);
    const linkCode = await page.locator('input[name=linkCode]').inputValue();
    await check(page, '05-sign-in-phone', { revisit: false });

    // The phone scans it, proves the person with its bound key, and approves.
    const { linkTransactionId } = (await govstack('/linked-authorization/link-transaction', { linkCode })) as {
      linkTransactionId: string;
    };
    const now = Math.floor(Date.now() / 1000);
    const proof = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: String(bound.walletUserId) })
      .setSubject(person.uin)
      .setAudience(linkTransactionId)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(keys.privateKey);
    await govstack('/linked-authorization/authenticate', {
      linkedTransactionId: linkTransactionId,
      individualId: person.uin,
      challengeList: [{ authFactorType: 'WLA', challenge: proof, format: 'jwt' }],
    });
    await govstack('/linked-authorization/consent', {
      linkedTransactionId: linkTransactionId,
      acceptedClaims: [],
      permittedAuthorizeScopes: ['onedoor'],
    });

    // Continue at the counter: signed in to the app as that person, back where they were going.
    await page.getByRole('button', { name: 'ສືບຕໍ່' }).click();
    await page.waitForURL(`${webUrl}/cases`);
    await shows(page, 'ທ່ານຍັງບໍ່ໄດ້ແຈ້ງເລື່ອງໃດໃນນາມຂອງທ່ານ');
    await counter.close();
    expectChecksPass();
  }, 120_000);

  it("answers every route's bad input with a page or a 4xx, never a 5xx, signed in or not", async () => {
    // Found by a run in CI (FUZZ_SEED=689999): control characters in the answers' search were sent on to the block,
    // which refuses them (400), and the page answered 502. They are taken out now, as in every form.
    const controls = await fetch(`${webUrl}/answers?q=%00%1F&ministry=%00%1F&province%5B%5D=01`);
    expect(controls.status).toBe(200);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const requests = process.env.CI ? 300 : 1_000;
    // Signed in: the journey's citizen's cookies (sealed session), when that test ran first.
    const cookies = (signedIn as { cookies?: { name: string; value: string }[] } | undefined)?.cookies ?? [];
    const failures = await fuzzRoutes({
      baseUrl: webUrl,
      seed,
      requests,
      sessions: ['', cookies.map((c) => `${c.name}=${c.value}`).join('; '), 'onedoor_session=forged.value'],
      jsonRoute: '/eform/save',
      queryNames: [
        'q',
        'ministry',
        'topic',
        'province',
        'from',
        'to',
        'page',
        'by',
        'code',
        'phone',
        'number',
        'lang',
        'return',
      ],
      formNames: [
        'kind',
        'topic',
        'description',
        'identity',
        'province',
        'district',
        'contactPhone',
        'key',
        'number',
        'pin',
        'reason',
        'csrf',
        'score',
        'comment',
        'type',
        'phone',
        'code',
        'challengeId',
        'preferredChannel',
        'preferredLanguage',
        'optedOut',
      ],
      routes: [
        ['GET', (d) => `/?${d.query()}`],
        ['GET', (d) => `/services?${d.query()}`],
        ['GET', (d) => `/services/${encodeURIComponent(d.value())}`],
        ['GET', (d) => `/services/${encodeURIComponent(d.value())}/apply`],
        ['GET', (d) => `/track?${d.query()}`],
        ['GET', (d) => `/answers?${d.query()}`],
        ['GET', (d) => `/complain?${d.query()}`],
        ['GET', (d) => `/cases?${d.query()}`],
        ['GET', (d) => `/cases/${encodeURIComponent(d.value())}`],
        ['GET', (d) => `/applications?${d.query()}`],
        ['GET', (d) => `/applications/${d.id()}`],
        ['GET', (d) => `/applications/${d.id()}/edit`],
        ['GET', (d) => `/applications/${d.id()}/certificate`],
        ['GET', (d) => `/forms/${d.id()}/validators.js`],
        ['GET', (d) => `/messages?${d.query()}`],
        ['GET', (d) => `/settings?${d.query()}`],
        ['GET', (d) => `/signin?${d.query()}`],
        ['GET', (d) => `/signin/callback?${d.query()}&state=${encodeURIComponent(d.value())}`],
        ['POST', () => '/complain'],
        ['POST', () => '/cases'],
        ['POST', () => '/cases/information'],
        ['POST', () => '/cases/appeal'],
        ['POST', (d) => `/messages/${d.id()}/read`],
        ['POST', () => '/settings/preferences'],
        ['POST', () => '/settings/phone'],
        ['POST', () => '/settings/phone/confirm'],
        ['POST', (d) => `/applications/${d.id()}/submit`],
        ['POST', (d) => `/applications/${d.id()}/rating`],
        ['POST', (d) => `/applications/${d.id()}/documents`],
        ['POST', () => '/eform/save'],
        ['POST', () => '/signout'],
      ],
    });
    process.stdout.write(`\ncitizen-web fuzz (FUZZ_SEED=${seed}): ${requests} requests, ${failures.length} 5xx\n`);
    expect(failures).toEqual([]);
  }, 300_000);

  it('on a slow 3G connection, a page is usable within 5 s', async () => {
    for (const [name, route, ready] of [
      ['home', '/', 'h1'],
      ['catalogue', '/services', 'h1'],
      ['tracking', '/track', '#code'],
      ['answers', '/answers', 'h1'],
      ['complaint', '/complain', '#description'],
      ['eform', '/services/import-licence/apply', '#root_companyName'],
    ] as const) {
      const person = await browser.newContext({ viewport: PHONE, locale: 'lo-LA', storageState: signedIn });
      const page = await person.newPage();
      const cdp = await person.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
      const started = Date.now();
      await page.goto(`${webUrl}${route}`, { waitUntil: 'domcontentloaded' });
      await page.locator(ready).first().waitFor({ state: 'visible' });
      const usableMs = Date.now() - started;
      slow.push({ page: name, usableMs });
      await person.close();
    }
    expect(slow.filter((s) => s.usableMs > SLOW_3G_USABLE_MS)).toEqual([]);
  });
});
