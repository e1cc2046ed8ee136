// Debian's Chromium, driven by playwright-core. Never a downloaded browser.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SESSION_STORAGE_KEY } from '../../electron/contract/browser-face.ts';

const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
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

/**
 * Opens the printed address as a user does and waits until the page has traded
 * its token for a session: navigating away sooner would abort that trade.
 */
export async function signIn(page: Page, urlWithToken: string): Promise<void> {
  // A session an earlier app on the same port left in this origin's storage would look like success.
  await page.goto(new URL('/favicon.svg', urlWithToken).href);
  await page.evaluate((key) => localStorage.removeItem(key), SESSION_STORAGE_KEY);
  await page.goto(urlWithToken);
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, SESSION_STORAGE_KEY, {
    timeout: 30_000,
  });
}
