// An end-to-end session: the browser face (as `npm run web` starts it) on its
// own managed engine, a Chromium page signed in with the token and showing the
// engine running, and the busybox test image on that engine.
import type { Browser, Page } from 'playwright-core';
import { engineLayout, managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { launchChromium } from './browser.ts';
import { ensureBusyboxImage } from './busybox-image.ts';
import { ENGINE_MS } from './deadlines.ts';
import { cleanupEngineFolder, makeEngineDataDir, removeUserNetworks } from './managed-engine.ts';
import { startWebApp, type WebApp } from './web-app.ts';

export interface AppSession {
  dataDir: string;
  app: WebApp;
  browser: Browser;
  page: Page;
  /** For `docker -H` through the test helpers. */
  engine: { endpoint: string };
}

export async function startAppSession(
  viewport = { width: 1280, height: 900 },
  env: Record<string, string> = {},
): Promise<AppSession> {
  const dataDir = await makeEngineDataDir();
  const engine = { endpoint: `unix://${engineLayout(dataDir).socketPath}` };
  const app = await startWebApp({ dataDir, env: { BERTH_MANAGED_IPTABLES: '0', ...env } });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  await page.goto(app.urlWithToken);
  await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
  await ensureBusyboxImage(engine.endpoint);
  return { dataDir, app, browser, page, engine };
}

/**
 * Removes the containers first (the engine's stop waits 10 s for each one that
 * ignores SIGTERM) and the user networks (their host bridges outlive the engine).
 */
export async function stopAppSession(session: Partial<AppSession>): Promise<void> {
  if (session.engine) await removeUserNetworks(session.engine);
  await session.browser?.close();
  await session.app?.stop();
  if (session.dataDir)
    await cleanupEngineFolder(session.dataDir, managedBridgeName(session.dataDir));
}
