import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
  type AxeViolation,
} from './citizen-web/browser';
import { fuzzRoutes } from './citizen-web/route-fuzz';
import { openHotlineDesk, type HotlineDesk } from './journeys/hotline-complaint';
import { PDF, publishOneDoorService, type OneDoorService } from './journeys/one-door-application';
import { authenticatorCode, expectStatus, onboardStaff, operatorToken, type StaffAccount } from './journeys/people';
import { startJourneyPlatform, type JourneyPlatform } from './journeys/platform';

const SCREENSHOTS = path.resolve(__dirname, '../../../docs/office-web/screenshots');
const RESULTS = path.resolve(__dirname, '../../../bench/results/office-web-e2e.json');
/** Another province's unit of another ministry: it must see nothing of a case routed elsewhere. */
const OTHER_UNIT = 'MOH-LPB';
const CALLER = '+8562055577301';

interface PageCheck {
  name: string;
  lang: string;
  width: number;
  violations: AxeViolation[];
  overflow: number;
}

/**
 * The officers' workspace as civil servants use it, in Debian's Chromium against the running platform (embedded):
 * a district officer signs in with employee number, password and authenticator code, claims an application from
 * the unit's queue, reads its form and document, and sends it back with a reason the citizen reads; the province
 * officer sees nothing of it. The hotline: a 1516 operator records two calls from the keyboard and reads the case
 * number back; the Prime Minister's Office merges the duplicate and routes the case to a province unit, which
 * verifies it and records what it did; another unit sees nothing of it; the Office accepts the response, is shown
 * the personal data in the public summary, takes it out and publishes. Every screen: axe-core (WCAG 2.1 A and AA),
 * nothing wider than a 360 px phone, photographed for the guide (Lao phone, English desktop).
 */
describe("the officers' workspace in a browser", () => {
  let platform: JourneyPlatform;
  let web: RunningProcess;
  let webUrl: string;
  let browser: Browser;
  let onedoor: OneDoorService;
  let desk: HotlineDesk;
  let operator: StaffAccount;
  let otherUnit: StaffAccount;
  let supervisor: StaffAccount;
  const checks: PageCheck[] = [];
  /** What the journeys made, for the fuzz test to aim at: a task's id, a document's, a case's number. */
  const made: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    webUrl = `http://127.0.0.1:${port}`;
    const secret = randomBytes(32).toString('base64url');
    platform = await startJourneyPlatform('embedded', {
      TRUSTED_PROXIES: 'loopback',
      IDENTITY_WEB_CLIENTS: `citizen-web=${webUrl}/signin/callback`,
      IDENTITY_WEB_CLIENT_SECRETS: `citizen-web=${secret}`,
    });
    onedoor = await publishOneDoorService(platform);
    desk = await openHotlineDesk(platform);
    expectStatus(
      await api(`${platform.urls.identity}/organisations/${OTHER_UNIT}`, {
        method: 'PUT',
        token: await operatorToken(platform),
        body: {
          kind: 'department',
          parentCode: 'MOH',
          nameLo: 'ພະແນກສາທາລະນະສຸກ ແຂວງຫຼວງພະບາງ',
          nameEn: 'Luang Prabang Provincial Health Department',
        },
      }),
      200,
    );
    [operator, otherUnit, supervisor] = await Promise.all([
      onboardStaff(platform, desk.hr, {
        givenName: 'ມະນີວອນ',
        email: 'operator@pmo.gov.la',
        employeeNumber: 'PMO-001517',
        posting: { ministryCode: 'PMO', provinceCode: '01', level: 'central' },
        roles: ['feedback.operator'],
      }),
      onboardStaff(platform, desk.hr, {
        givenName: 'ບົວພັນ',
        email: 'complaints@moh-lpb.gov.la',
        employeeNumber: 'MOH-000888',
        posting: { ministryCode: 'MOH', departmentCode: OTHER_UNIT, provinceCode: '06', level: 'province' },
        roles: ['feedback.handler'],
      }),
      // The district office's head: sees the unit's load and reassigns.
      onboardStaff(platform, onedoor.hr, {
        givenName: 'ສົມສະໄໝ',
        email: 'head@moic-d01.gov.la',
        employeeNumber: 'MOIC-000202',
        posting: { ministryCode: 'MOIC', departmentCode: 'MOIC-VTE-D01', provinceCode: '01', level: 'district' },
        roles: ['registration.officer', 'workflow.supervisor'],
      }),
    ]);
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
    writeFileSync(RESULTS, `${JSON.stringify({ measuredAt: new Date().toISOString(), pages: checks }, null, 2)}\n`);
    await browser?.close();
    await web?.stop();
    await platform?.close();
  });

  /** The 30 s step each account's last code was of: a code works once, so a second sign-in waits for a new one. */
  const usedSteps = new Map<string, number>();
  async function nextCode(account: StaffAccount): Promise<string> {
    for (;;) {
      const step = Math.floor(Date.now() / 30_000) + 1;
      if (step > (usedSteps.get(account.employeeNumber) ?? 0)) {
        usedSteps.set(account.employeeNumber, step);
        return authenticatorCode(account.seed, step * 30_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  /**
   * An officer signs in at the workspace: the identity block's page, its civil servants' form (the authenticator's
   * next code: the one of the present 30 s was used when the account was made, and a code works once).
   */
  async function signIn(account: StaffAccount, viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
    const code = await nextCode(account);
    const context = await newPerson(browser, { viewport });
    const page = await context.newPage();
    await page.goto(`${webUrl}/office`);
    await page.waitForURL(/\/identity\/interaction\//);
    await page.fill('#employeeNumber', account.employeeNumber);
    await page.fill('#password', account.password);
    await page.fill('#totp', code);
    await page.locator('form:has(#totp) button[type=submit]').click();
    await page.waitForURL(`${webUrl}/office`);
    return { context, page };
  }

  /**
   * The screen as it is (Lao), then the same address in English at the other width (a phone's screen after a
   * desk's, a desk's after a phone's): axe, width, photograph.
   */
  async function check(page: Page, name: string, options: { revisit?: boolean } = {}) {
    await page.waitForLoadState('load');
    const lang = (await page.getAttribute('html', 'lang')) ?? '?';
    const width = page.viewportSize()?.width ?? PHONE.width;
    const device = width <= PHONE.width ? 'phone' : 'desktop';
    checks.push({
      name,
      lang,
      width,
      violations: await axeViolations(page),
      overflow: await horizontalOverflow(page),
    });
    await page.screenshot({
      path: screenshotPath(`${name}.${lang}.${device}`, SCREENSHOTS),
      type: 'jpeg',
      quality: 60,
      fullPage: true,
    });
    if (options.revisit === false) return;
    const [otherViewport, otherDevice] = device === 'phone' ? [DESKTOP, 'desktop'] : [PHONE, 'phone'];
    const context = await browser.newContext({
      viewport: otherViewport,
      storageState: await page.context().storageState(),
      bypassCSP: true,
      locale: 'en',
    });
    const other = await context.newPage();
    const url = new URL(page.url());
    url.searchParams.set('lang', 'en');
    await other.goto(url.href, { waitUntil: 'load' });
    checks.push({
      name,
      lang: 'en',
      width: otherViewport.width,
      violations: await axeViolations(other),
      overflow: await horizontalOverflow(other),
    });
    await other.screenshot({
      path: screenshotPath(`${name}.en.${otherDevice}`, SCREENSHOTS),
      type: 'jpeg',
      quality: 60,
      fullPage: otherDevice === 'phone',
    });
    await context.close();
  }

  function expectChecksPass() {
    const failing = checks.filter((c) => c.violations.length || c.overflow > 0);
    expect(
      failing.map((c) => ({
        ...c,
        violations: c.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.slice(0, 3))}`),
      })),
    ).toEqual([]);
  }

  /** Text at 200 % on a 360 px phone: nothing on these pages cut off or to scroll sideways. */
  async function expectTextAt200(page: Page, routes: string[]) {
    const wide: string[] = [];
    for (const route of routes) {
      await page.goto(`${webUrl}${route}`);
      await page.evaluate('document.documentElement.style.fontSize = "200%"');
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) {
        // What sticks out: the innermost elements past the screen's right edge.
        const past = await page.evaluate(`[...document.querySelectorAll('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 1))
          .slice(0, 3).map((e) => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40)).join(' | ')`);
        wide.push(`${route}: ${overflow} px (${String(past)})`);
      }
    }
    expect(wide).toEqual([]);
  }

  /** The page comes to show `text`; else the failure says what it shows instead. */
  async function shows(page: Page, text: string | RegExp) {
    await page
      .getByText(text)
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(async (error: Error) => {
        const seen = await page
          .locator('main')
          .innerText()
          .catch(() => '(no page)');
        throw new Error(`${error.message}\n--- ${page.url()} shows:\n${seen.slice(0, 1_500)}`);
      });
  }

  /** Reloads `address` until it shows `text` (the blocks learn of a new task or case from events). */
  async function reloadUntil(page: Page, address: string, text: string) {
    await waitFor(`${address} to show ${text}`, async () => {
      await page.goto(address);
      return (await page.getByText(text).count()) > 0 ? true : undefined;
    });
  }

  it('a district officer claims an application, reads its form and document, sends it back; the province sees nothing of it', async () => {
    // The citizen applies (through the API, as the citizen's app does) with an invoice.
    const enrolled = await api(`${platform.urls.identity}/persons`, {
      method: 'POST',
      token: onedoor.hr,
      body: SEED_CITIZEN,
    });
    const uin = expectStatus(enrolled, 201).json.uin as string;
    const citizen = await onedoor.portal.citizen(uin, SEED_CITIZEN.phone);
    const draft = await api(`${platform.urls.registration}/services/import-licence/applications`, {
      method: 'POST',
      token: citizen,
      body: { formData: { data: { companyName: 'ບໍລິສັດ ບຸນມີ ການຄ້າ', goods: 'ເຄື່ອງຈັກກະສິກຳ' } }, draft: true },
    });
    expect([200, 201]).toContain(draft.status);
    const fileId = draft.json.fileId as string;
    const attached = await fetch(`${platform.urls.registration}/applications/${fileId}/documents?type=invoice`, {
      method: 'POST',
      headers: { authorization: `Bearer ${citizen}`, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(attached.status).toBe(201);
    const submitted = await api(`${platform.urls.registration}/applications/${fileId}`, {
      method: 'PUT',
      token: citizen,
      body: { formData: { data: {} }, submit: true },
    });
    const trackingCode = expectStatus(submitted, 200).json.trackingCode as string;

    const { context, page } = await signIn(onedoor.accounts.district);
    await shows(page, 'MOIC-VTE-D01');
    await check(page, '01-home');
    await page.getByRole('link', { name: 'ຄຳຮ້ອງທີ່ລໍຖ້າ' }).first().click();
    await reloadUntil(page, `${webUrl}/office/tasks`, trackingCode);
    await check(page, '02-queue');

    await page.getByRole('link', { name: trackingCode }).click();
    await shows(page, 'ບໍລິສັດ ບຸນມີ ການຄ້າ');
    await shows(page, 'ເຄື່ອງຈັກກະສິກຳ');
    await check(page, '03-application');
    const taskUrl = page.url();
    made.push(taskUrl.split('/').pop()!);
    // The invoice opens in the browser (PDF, inline, sandboxed), with the officer's session only.
    const documentHref = await page.getByRole('link', { name: /invoice/ }).getAttribute('href');
    made.push(documentHref!.split('/').pop()!);
    const preview = await page.request.get(`${webUrl}${documentHref}`);
    expect([preview.status(), preview.headers()['content-type'], preview.headers()['content-disposition']]).toEqual([
      200,
      'application/pdf',
      'inline',
    ]);
    expect(preview.headers()['content-security-policy']).toContain('sandbox');
    expect((await preview.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const stranger = await fetch(`${webUrl}${documentHref}`, { redirect: 'manual' });
    expect([stranger.status, stranger.headers.get('location')]).toEqual([
      303,
      expect.stringContaining('/office/signin'),
    ]);

    // Claim it; the unit's head sees who holds what and puts it back in the queue; claimed again.
    await page.getByRole('button', { name: 'ຮັບວຽກນີ້' }).click();
    await shows(page, 'ທ່ານໄດ້ຮັບວຽກນີ້ແລ້ວ.');
    await check(page, '04-claimed');
    const head = await signIn(supervisor, DESKTOP);
    await head.page.goto(`${webUrl}/office/tasks`);
    await shows(head.page, 'ວຽກຂອງແຕ່ລະຄົນໃນໜ່ວຍງານ');
    await check(head.page, '05-unit-load');
    await head.page.goto(taskUrl);
    await head.page.selectOption('#assignee', '');
    await head.page.fill('#reassign-comment', 'ກັບຄືນຄິວ (back to the queue)');
    await head.page.getByRole('button', { name: 'ມອບໝາຍຄືນ' }).click();
    await shows(head.page, 'ບັນທຶກແລ້ວ.');
    expect(head.page.url()).toMatch(/\/office\/tasks\?notice=done/);
    await head.context.close();
    await page.goto(taskUrl);
    await shows(page, 'ຍັງບໍ່ມີຜູ້ຮັບ');
    await page.getByRole('button', { name: 'ຮັບວຽກນີ້' }).click();
    await shows(page, 'ທ່ານໄດ້ຮັບວຽກນີ້ແລ້ວ.');

    // Send back with a reason the citizen reads.
    await page.getByLabel('ສົ່ງຄືນໃຫ້ແກ້ໄຂ').check();
    await page.getByRole('button', { name: 'ບັນທຶກ' }).click();
    // A send-back without a reason is refused, on the page, before anything reaches the workflow block.
    await shows(page, 'ກະລຸນາໃສ່ເຫດຜົນ.');
    const reason = 'ກະລຸນາຕິດຄັດໃບແຈ້ງໜີ້ທີ່ມີລາຍເຊັນ (Attach the signed invoice)';
    await page.fill('#comment', reason);
    await page.getByLabel('ສົ່ງຄືນໃຫ້ແກ້ໄຂ').check();
    await page.getByRole('button', { name: 'ບັນທຶກ' }).click();
    await page.waitForURL(/\/office\/tasks\?notice=done/);
    await shows(page, 'ບັນທຶກແລ້ວ.');
    const sentBack = await waitFor('the application sent back', async () => {
      const seen = await api(`${platform.urls.registration}/applications/${fileId}`, { token: citizen });
      return (seen.json.status as { code: string }).code === 'SENDBACK' ? seen : undefined;
    });
    expect(JSON.stringify(sentBack.json)).toContain('Attach the signed invoice');

    // The ministry's figures as charts, and the same as CSV for a spreadsheet.
    await page.getByRole('link', { name: 'ສະຖິຕິ' }).first().click();
    await shows(page, 'ຕາມໜ່ວຍງານ');
    await expect(page.locator('table.bars').count()).resolves.toBeGreaterThan(1);
    await check(page, '06-statistics');
    const csv = await page.request.get(`${webUrl}/office/statistics?format=csv`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toMatch(/^\uFEFFtable,key,count[\s\S]*byOffice,MOIC-VTE-D01,\d+/);
    await expectTextAt200(page, ['/office/tasks', new URL(taskUrl).pathname, '/office/statistics']);
    await context.close();

    // The province's officer: not in the queue, and the district's task by its address shows nothing.
    const province = await signIn(onedoor.accounts.province);
    await province.page.goto(`${webUrl}/office/tasks`);
    await expect(province.page.getByText(trackingCode).count()).resolves.toBe(0);
    const elsewhere = await province.page.goto(taskUrl);
    expect(elsewhere?.status()).toBe(404);
    const theirDocument = await province.page.request.get(`${webUrl}${documentHref}`);
    expect(theirDocument.status()).toBe(404);
    await province.context.close();

    // A citizen's login does not open the workspace; the citizen's pages never read the officer's session.
    expectChecksPass();
  }, 300_000);

  it('the hotline: an operator records calls; the Office merges and routes; the unit verifies; another unit sees nothing; the Office publishes without personal data', async () => {
    // The 1516 operator, keyboard only: the caller's number, topic, words, place, consent, Enter.
    const console1516 = await signIn(operator, DESKTOP);
    const { page } = console1516;
    await page.goto(`${webUrl}/office/calls`);
    await check(page, '07-call-console');
    const recordCall = async (description: string) => {
      await page.goto(`${webUrl}/office/calls`);
      await page.focus('#callerPhone');
      await page.keyboard.type(CALLER);
      await page.selectOption('#topic', 'water-supply');
      await page.focus('#description');
      await page.keyboard.type(description);
      await page.selectOption('#province', '01');
      await page.focus('#district');
      await page.keyboard.type('0101');
      await page.getByLabel(/ຍິນຍອມ/).check();
      await page.focus('#village');
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/office/calls'),
        page.keyboard.press('Enter'),
      ]);
      const said = await page.locator('#read-back').innerText();
      return {
        number: /1516(-[0-9A-Z]{4}){2}-[0-9A-Z*~$=]/.exec(said)![0],
        pin: /PIN (\d{6})/.exec(said)?.[1],
      };
    };
    const first = await recordCall('ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ຢູ່ບ້ານໂພນໄຊ ໃກ້ໂຮງຮຽນ');
    made.push(first.number);
    expect(first.pin).toMatch(/^\d{6}$/);
    await check(page, '08-call-recorded', { revisit: false });
    const second = await recordCall('ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ແລ້ວ ບ້ານໂພນໄຊ');
    // The caller's earlier cases, found by the number (kept with consent).
    await page.goto(`${webUrl}/office/calls?phone=${encodeURIComponent(CALLER)}`);
    await shows(page, first.number);
    await check(page, '09-earlier-cases');
    await console1516.context.close();

    // The Office: the second call is the first again; merged side by side; the first routed to the province unit.
    const office = await signIn(desk.accounts.office);
    await reloadUntil(office.page, `${webUrl}/office/cases?state=RECEIVED`, second.number);
    await check(office.page, '10-new-cases');
    await office.page.goto(`${webUrl}/office/cases/${encodeURIComponent(second.number)}`);
    await shows(office.page, first.number);
    await check(office.page, '11-triage-duplicates');
    await office.page.getByRole('button', { name: `ລວມເຂົ້າກັບ ${first.number}` }).click();
    await office.page.waitForURL(/\/office\/cases\?notice=done/);
    await office.page.goto(`${webUrl}/office/cases/${encodeURIComponent(first.number)}`);
    await office.page.getByRole('button', { name: 'ຮັບພິຈາລະນາ', exact: true }).click();
    await office.page.waitForURL(/notice=done/);
    await office.page.selectOption('#assign-unit', `MPWT/${desk.unitCode}`);
    await check(office.page, '12-route');
    await office.page.getByRole('button', { name: 'ສົ່ງໃຫ້ໜ່ວຍງານ' }).click();
    await office.page.waitForURL(/\/office\/cases\?notice=done/);

    // The unit: the case in its list; it verifies and records what it did.
    const unit = await signIn(desk.accounts.unit);
    await reloadUntil(unit.page, `${webUrl}/office/cases`, first.number);
    await unit.page.goto(`${webUrl}/office/cases/${encodeURIComponent(first.number)}`);
    await check(unit.page, '13-unit-case');
    await unit.page.getByRole('button', { name: 'ເລີ່ມກວດສອບ' }).click();
    await unit.page.waitForURL(/notice=done/);
    await unit.page.getByLabel('ມີມູນ: ໄດ້ແກ້ໄຂແລ້ວ').check();
    await unit.page.fill('#recordFinding-action', 'ສ້ອມແປງທໍ່ນ້ຳ ບ້ານໂພນໄຊ (Repaired the main pipe)');
    await unit.page.fill('#recordFinding-evidence', 'Work order NPV-2026-118');
    await unit.page.fill('#recordFinding-completedAt', '2026-11-27');
    await check(unit.page, '14-finding', { revisit: false });
    await unit.page.getByRole('button', { name: 'ບັນທຶກຜົນການກວດສອບ' }).click();
    await unit.page.waitForURL(/notice=done/);
    await shows(unit.page, 'Work order NPV-2026-118');
    await unit.page.getByRole('button', { name: 'ສົ່ງຄຳຕອບໃຫ້ຫ້ອງການ' }).click();
    await unit.page.waitForURL(/notice=done/);
    await unit.context.close();

    // Another unit: not in its list, and the case's address shows nothing.
    const stranger = await signIn(otherUnit);
    await stranger.page.goto(`${webUrl}/office/cases`);
    await expect(stranger.page.getByText(first.number).count()).resolves.toBe(0);
    const notTheirs = await stranger.page.goto(`${webUrl}/office/cases/${encodeURIComponent(first.number)}`);
    expect(notTheirs?.status()).toBe(404);
    await expect(stranger.page.getByText('ນ້ຳປະປາ').count()).resolves.toBe(0);
    await stranger.context.close();

    // The Office accepts, is shown the phone number in the summary, takes it out, publishes.
    await office.page.goto(`${webUrl}/office/cases/${encodeURIComponent(first.number)}`);
    await office.page.getByRole('button', { name: 'ຮັບຮອງຄຳຕອບ' }).click();
    await office.page.waitForURL(/notice=done/);
    await office.page.fill('#summary-questionLo', 'ນ້ຳປະປາບໍ່ໄຫຼມາ 3 ມື້ ຢູ່ບ້ານໂພນໄຊ');
    await office.page.fill('#summary-answerLo', `ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ. ຕິດຕໍ່ ${CALLER}`);
    await office.page.fill('#summary-questionEn', 'No tap water for 3 days in Ban Phonxay');
    await office.page.fill('#summary-answerEn', 'The main pipe was repaired.');
    await office.page.getByRole('button', { name: 'ເຜີຍແຜ່ຄຳຕອບ' }).click();
    await office.page.waitForLoadState('load');
    await expect(office.page.locator('mark').first().innerText()).resolves.toContain(CALLER);
    await check(office.page, '15-redact', { revisit: false });
    await office.page.fill('#summary-answerLo', 'ທໍ່ນ້ຳໄດ້ຮັບການສ້ອມແປງແລ້ວ ແລະ ນ້ຳໄຫຼປົກກະຕິ');
    await office.page.getByRole('button', { name: 'ກວດຂໍ້ມູນສ່ວນຕົວ' }).click();
    await shows(office.page, 'ບໍ່ພົບຂໍ້ມູນສ່ວນຕົວ. ເຜີຍແຜ່ໄດ້.');
    await office.page.getByRole('button', { name: 'ເຜີຍແຜ່ຄຳຕອບ' }).click();
    await office.page.waitForURL(/notice=done/);
    await shows(office.page, 'ຕອບ ແລະ ເຜີຍແຜ່ແລ້ວ');
    await check(office.page, '16-published');
    // The hotline's reports: per unit, charts and CSV.
    await office.page.goto(`${webUrl}/office/reports?by=unit`);
    await shows(office.page, desk.unitCode);
    await check(office.page, '17-reports');
    const report = await office.page.request.get(`${webUrl}/office/reports?by=unit&format=csv`);
    expect(report.headers()['content-type']).toContain('text/csv');
    expect(await report.text()).toContain(desk.unitCode);
    await expectTextAt200(office.page, [
      '/office',
      '/office/cases',
      `/office/cases/${first.number}`,
      '/office/reports?by=unit',
    ]);
    await office.context.close();

    // The answer on the public page, without the caller's number.
    const reader = await newPerson(browser, { javaScriptEnabled: false });
    const publicPage = await reader.newPage();
    await reloadUntil(publicPage, `${webUrl}/answers?q=${encodeURIComponent('ນ້ຳປະປາ')}`, 'ນ້ຳໄຫຼປົກກະຕິ');
    await expect(publicPage.getByText(CALLER).count()).resolves.toBe(0);
    await reader.close();
    expectChecksPass();
  }, 420_000);

  it("a ministry's administrator edits the service's eForm with a live preview and publishes a new version; keeps the processes and routing table", async () => {
    const { context, page } = await signIn(onedoor.accounts.admin, DESKTOP);
    await page.getByRole('link', { name: 'ບໍລິການຂອງກະຊວງ' }).first().click();
    await page.getByRole('link', { name: 'ໃບອະນຸຍາດນຳເຂົ້າ' }).click();
    // The citizen's form, drawn from the schema and layout in the page's language.
    await page.locator('#eform-preview label', { hasText: 'ຊື່ບໍລິສັດ' }).first().waitFor();
    await check(page, '18-service-editor');
    // Typing redraws it; JSON not finished yet leaves the last preview and says why.
    const layout = JSON.parse(await page.inputValue('#layout')) as Record<string, Record<string, unknown>>;
    await page.fill('#layout', '{"ui:order": [');
    await shows(page, 'ຍັງບໍ່ແມ່ນ JSON');
    layout.companyName['ui:title'] = { lo: 'ຊື່ບໍລິສັດ ຫຼື ຮ້ານຄ້າ', en: 'Company or shop name' };
    await page.fill('#layout', JSON.stringify(layout, null, 2));
    await page.locator('#eform-preview label', { hasText: 'ຊື່ບໍລິສັດ ຫຼື ຮ້ານຄ້າ' }).first().waitFor();
    // JSON that does not parse is refused on the page, the rest kept as typed.
    await page.fill('#documents', '[{');
    await page.getByRole('button', { name: 'ເຜີຍແຜ່ສະບັບໃໝ່' }).click();
    await shows(page, 'ເອກະສານທີ່ຕ້ອງການ (JSON): ບໍ່ແມ່ນ JSON ທີ່ຖືກຕ້ອງ');
    expect(await page.inputValue('#layout')).toContain('ຊື່ບໍລິສັດ ຫຼື ຮ້ານຄ້າ');
    const catalogue = await api(`${platform.urls.registration}/services/import-licence`);
    const before = Number(catalogue.json.version);
    await page.fill(
      '#documents',
      JSON.stringify(
        [
          {
            type: 'invoice',
            name: { lo: 'ໃບເກັບເງິນ', en: 'Pro-forma invoice' },
            required: true,
            maxBytes: 5_000_000,
            mediaTypes: ['application/pdf'],
          },
        ],
        null,
        2,
      ),
    );
    await page.getByRole('button', { name: 'ເຜີຍແຜ່ສະບັບໃໝ່' }).click();
    await page.waitForURL(/\/office\/services\?notice=done/);
    // A new version, with the new label, and what the catalogue does not show kept as it was (prefill sources).
    const after = await api(`${platform.urls.registration}/services/import-licence/definition`, {
      token: onedoor.officers.admin,
    });
    expect(expectStatus(after, 200).json).toMatchObject({
      prefill: { ownerName: 'person.displayName.lo' },
      eForm: { layout: { companyName: { 'ui:title': { lo: 'ຊື່ບໍລິສັດ ຫຼື ຮ້ານຄ້າ' } } } },
    });
    const current = await api(`${platform.urls.registration}/services/import-licence`);
    expect(Number(current.json.version)).toBe(before + 1);

    // The same administrator (workflow.admin): the ministry's processes and routing table.
    const workflow = { page, context };
    await workflow.page.getByRole('link', { name: 'ຂະບວນການ ແລະ ການສົ່ງຕໍ່' }).first().click();
    await shows(workflow.page, 'import-licence-0101');
    await check(workflow.page, '19-processes');
    // A rule for another district of the capital, to the same district office; then removed.
    await workflow.page.fill('#rule-id', 'import-licence-0102');
    await workflow.page.fill('#rule-category', 'import-licence');
    await workflow.page.selectOption('#rule-province', '01');
    await workflow.page.fill('#rule-district', '0102');
    await workflow.page.selectOption('#rule-unit', 'MOIC-VTE-D01');
    await workflow.page.getByRole('button', { name: 'ບັນທຶກກົດ' }).click();
    await shows(workflow.page, 'ບັນທຶກແລ້ວ.');
    const rule = await api(`${platform.urls.workflow}/routing-rules/import-licence-0102`, {
      token: onedoor.officers.admin,
    });
    expect(expectStatus(rule, 200).json).toMatchObject({ province: '01', district: '0102', unit: 'MOIC-VTE-D01' });
    await workflow.page.getByRole('button', { name: 'ລຶບກົດ import-licence-0102' }).click();
    await shows(workflow.page, 'ບັນທຶກແລ້ວ.');
    await expect(workflow.page.getByText('import-licence-0102').count()).resolves.toBe(0);
    // A process that is not BPMN is refused with the workflow block's reason; the import licence's is a new version.
    await workflow.page.fill('#bpmn', '<definitions>not a process</definitions>');
    await workflow.page.getByRole('button', { name: 'ເຜີຍແຜ່ຂະບວນການ' }).click();
    await shows(workflow.page, 'ບໍ່ສຳເລັດ');
    const bpmn = readFileSync(path.join(__dirname, '../../workflow/examples/import-licence.bpmn'), 'utf8');
    await workflow.page.fill('#bpmn', bpmn);
    await workflow.page.getByRole('button', { name: 'ເຜີຍແຜ່ຂະບວນການ' }).click();
    await shows(workflow.page, 'ບັນທຶກແລ້ວ.');
    await shows(workflow.page, 'ສະບັບ 2');
    await workflow.context.close();
    expectChecksPass();
  }, 180_000);

  it("a citizen's login does not open the workspace, and a staff session is not the citizen's", async () => {
    const person = await newPerson(browser);
    const page = await person.newPage();
    // A forged or absent office cookie: the workspace asks to sign in.
    await person.addCookies([{ name: 'onedoor_office', value: 'forged', url: `${webUrl}/office` }]);
    const asked = await page.request.get(`${webUrl}/office/cases`, { maxRedirects: 0 });
    expect([asked.status(), asked.headers().location]).toEqual([303, expect.stringContaining('/office/signin')]);
    // An officer signed in at the workspace is not signed in on the citizen's pages.
    const officer = await signIn(onedoor.accounts.ministry);
    const mine = await officer.page.request.get(`${webUrl}/applications`, { maxRedirects: 0 });
    expect([mine.status(), mine.headers().location]).toEqual([303, expect.stringContaining('/signin')]);
    expect(mine.headers().location).not.toContain('/office');
    await officer.context.close();
    await person.close();
  }, 120_000);

  it("answers every workspace route's bad input with a page or a 4xx, never a 5xx, signed in or not", async () => {
    // Signed in as the Office, a one-door officer and a ministry's administrator, with each session's form token
    // among the values (so that forms get past it), and the journeys' task, document and case among the ids.
    const sessions = [''];
    const known = [...made];
    for (const account of [desk.accounts.office, onedoor.accounts.district, onedoor.accounts.admin]) {
      const { context, page } = await signIn(account);
      known.push((await page.locator('input[name=csrf]').first().getAttribute('value')) ?? '');
      sessions.push((await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '));
      await context.close();
    }
    sessions.push('onedoor_office=forged.value');
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    const requests = process.env.CI ? 300 : 1_000;
    const failures = await fuzzRoutes({
      baseUrl: webUrl,
      seed,
      requests,
      sessions,
      known,
      queryNames: ['state', 'notice', 'phone', 'lang', 'return', 'from', 'to', 'by', 'format'],
      formNames: [
        'csrf',
        'key',
        'outcome',
        'comment',
        'step',
        'reason',
        'unit',
        'into',
        'finding',
        'explanation',
        'action',
        'evidence',
        'completedAt',
        'questionLo',
        'answerLo',
        'questionEn',
        'answerEn',
        'then',
        'callerPhone',
        'consent',
        'kind',
        'topic',
        'description',
        'language',
        'province',
        'district',
        'village',
        'assignee',
        'code',
        'nameLo',
        'nameEn',
        'descriptionLo',
        'descriptionEn',
        'topics',
        'fee',
        'slaWorkingDays',
        'processKey',
        'alertEmail',
        'schema',
        'layout',
        'documents',
        'prefill',
        'eligibility',
        'bpmn',
        'id',
        'category',
      ],
      routes: [
        ['GET', (d) => `/office?${d.query()}`],
        ['GET', (d) => `/office/tasks?${d.query()}`],
        ['GET', (d) => `/office/tasks/${d.id()}?${d.query()}`],
        ['GET', (d) => `/office/documents/${d.id()}`],
        ['GET', (d) => `/office/cases?${d.query()}`],
        ['GET', (d) => `/office/cases/${encodeURIComponent(d.value())}?${d.query()}`],
        ['GET', (d) => `/office/calls?${d.query()}`],
        ['GET', (d) => `/office/signin?${d.query()}`],
        ['POST', (d) => `/office/tasks/${d.id()}/claim`],
        ['POST', (d) => `/office/tasks/${d.id()}/decide`],
        ['POST', (d) => `/office/cases/${encodeURIComponent(d.value())}/step`],
        ['POST', (d) => `/office/cases/${encodeURIComponent(d.value())}/summary`],
        ['POST', () => '/office/calls'],
        ['POST', () => '/office/signout'],
        ['POST', (d) => `/office/tasks/${d.id()}/reassign`],
        ['GET', (d) => `/office/statistics?${d.query()}`],
        ['GET', (d) => `/office/reports?${d.query()}`],
        ['GET', (d) => `/office/services?${d.query()}`],
        ['GET', () => '/office/services/new'],
        ['GET', (d) => `/office/services/${encodeURIComponent(d.value())}`],
        ['POST', () => '/office/services'],
        ['POST', (d) => `/office/services/${encodeURIComponent(d.pick([d.value(), 'import-licence']))}`],
        ['GET', (d) => `/office/processes?${d.query()}`],
        ['POST', () => '/office/processes'],
        ['POST', () => '/office/routing-rules'],
        ['POST', () => '/office/routing-rules/delete'],
      ],
    });
    process.stdout.write(`\noffice-web fuzz (FUZZ_SEED=${seed}): ${requests} requests, ${failures.length} 5xx\n`);
    expect(failures).toEqual([]);
  }, 300_000);
});
