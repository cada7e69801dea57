import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { source as axeSource } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`apt install chromium`; `.ci/run` installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };

/** Where the run writes each step's screenshots; the guide shows them. */
export const SCREENSHOTS = path.resolve(__dirname, '../../../../docs/citizen-web/screenshots');

/**
 * WebPageTest's "3G Slow" profile: 400 kbit/s each way, 400 ms round trip. What a phone in a district far from
 * Vientiane may have.
 */
export const SLOW_3G = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A person's browser: a phone in Lao unless told; scripts on unless told. Axe is injected past the app's CSP. */
export function newPerson(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string; javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: options.viewport ?? PHONE,
    locale: options.locale ?? 'lo-LA',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
    bypassCSP: true,
    deviceScaleFactor: 1,
  });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now: the violations (none expected). Throws when axe
 * checked nothing (a page it could not read is not a page without violations).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(`axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    .then((r) => ({ passes: r.passes.length, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })) }))`)) as {
    passes: number;
    violations: AxeViolation[];
  };
  if (result.passes === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return result.violations;
}

/** The page's width is the screen's: nothing to scroll sideways (360 px phones). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

/** Bytes of JavaScript and CSS the page loaded, as they crossed the network (compressed). */
export function watchTransfer(page: Page): () => Promise<{ script: number; css: number }> {
  const pending: Promise<{ type: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    const type = request.resourceType();
    if (type === 'script' || type === 'stylesheet') {
      pending.push(
        request.sizes().then((sizes) => ({ type, bytes: sizes.responseBodySize + sizes.responseHeadersSize })),
      );
    }
  });
  return async () => {
    const done = await Promise.all(pending.splice(0));
    return {
      script: done.filter((d) => d.type === 'script').reduce((sum, d) => sum + d.bytes, 0),
      css: done.filter((d) => d.type === 'stylesheet').reduce((sum, d) => sum + d.bytes, 0),
    };
  };
}

export function screenshotPath(name: string, directory = SCREENSHOTS): string {
  mkdirSync(directory, { recursive: true });
  return path.join(directory, `${name}.jpg`);
}
