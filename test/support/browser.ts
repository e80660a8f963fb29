import { existsSync, mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** In CI a missing browser is a failure; on a developer machine the browser tests are skipped. */
export function browserAvailable(): boolean {
  const available = existsSync(CHROMIUM_PATH);
  if (!available && process.env.CI === 'true') {
    throw new Error(`CI=true but Chromium is not installed at ${CHROMIUM_PATH} (apt-get install chromium)`);
  }
  return available;
}

/**
 * Each browser journey (one `it`) gets this long: the steps wait on what the page shows (URLs,
 * banners, polls), never on wall time, so a slow, busy machine makes a journey slower, not red.
 * Quick on an idle machine (a few seconds each); the budget is for a machine under load.
 */
export const JOURNEY_TIMEOUT_MS = 240_000;
/** How long one Playwright step (a click, a navigation) may wait for the page. */
export const STEP_TIMEOUT_MS = 90_000;

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // every page the journeys open waits up to STEP_TIMEOUT_MS for what it is told to wait for
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
    return context;
  };
  return browser;
}

/** axe-core with the WCAG 2.2 AA rule set: every page visited must have 0 violations. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Saves a screenshot to screenshots/ when SCREENSHOTS=1, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

/** The page's width as laid out: more than the viewport means it scrolls sideways (WCAG 1.4.10). */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** Full-page screenshots at a phone's and a desktop's width into screenshots/ (gitignored), for a person to look at. */
export async function screenshotsAtWidths(page: Page, name: string, widths: number[] = [375, 1280]): Promise<void> {
  mkdirSync('screenshots', { recursive: true });
  const original = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
