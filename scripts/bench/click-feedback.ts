// How soon a click that starts long work is answered: from the click on Pull
// in the Pull image dialog to its overall progress bar (shown at once,
// indeterminate), and to the first layer's bar (the engine's first word about
// a layer), each next to the time from starting `docker pull` to its first
// line of output (the first sign of progress a terminal user gets), for the
// same image from a loopback registry, removed before every run.
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { startRegistry } from '../../test/helpers/registry.ts';
import { hasImage, publishBlobImage } from '../../test/helpers/registry-images.ts';
import { dockerCli, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

// Runs in the page (a string: this file is type-checked without the DOM). The
// click is taken in the capture phase, before React handles it.
const installClickObserver = `
  window.__berthClick = { clickAt: null, progressAt: null, layerAt: null };
  document.addEventListener('click', (e) => {
    const button = e.target.closest && e.target.closest('button');
    if (button && button.textContent.trim() === 'Pull') window.__berthClick.clickAt = performance.now();
  }, true);
  new MutationObserver(() => {
    const seen = window.__berthClick;
    if (seen.clickAt === null) return;
    if (seen.progressAt === null && document.querySelector('[role="progressbar"][aria-label^="Pulling "]'))
      seen.progressAt = performance.now();
    if (seen.layerAt === null && document.querySelector('[aria-label^="Pulling "] progress[aria-label]'))
      seen.layerAt = performance.now();
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
`;

/** Ms from spawning `docker pull ref` to its first byte of output; resolves when it exits. */
function cliFirstLine(endpoint: string, ref: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first: number | undefined;
    const child = spawn('docker', ['-H', endpoint, 'pull', ref]);
    let stderr = '';
    child.stdout.once('data', () => (first = performance.now() - started));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 || first === undefined)
        reject(new Error(`docker pull ${ref} failed (${code}): ${stderr}`));
      else resolve(first);
    });
  });
}

export async function measureClickFeedback(
  page: Page,
  endpoint: string,
  runs: number,
): Promise<BenchRow[]> {
  const engine = { endpoint };
  const registry = await startRegistry();
  const ref = `${registry.host}/berth/click:1`;
  const bar: number[] = [];
  const layer: number[] = [];
  const cli: number[] = [];
  try {
    await publishBlobImage(engine, ref, 10);
    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.evaluate(installClickObserver);
    for (let i = 0; i < runs; i++) {
      if (await hasImage(engine, ref)) await dockerCli(endpoint, 'rmi', ref);
      await page.getByRole('button', { name: 'Pull image', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Pull image' });
      await dialog.getByRole('textbox', { name: 'Image' }).fill(ref);
      await page.evaluate(
        'window.__berthClick = { clickAt: null, progressAt: null, layerAt: null }',
      );
      await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
      await waitInPage(page, 'window.__berthClick.layerAt !== null', 30_000);
      const since = (field: string) =>
        page.evaluate(
          `window.__berthClick.${field} - window.__berthClick.clickAt`,
        ) as Promise<number>;
      bar.push(await since('progressAt'));
      layer.push(await since('layerAt'));
      await dialog.getByRole('status', { name: `Pulled ${ref}` }).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();

      await dockerCli(endpoint, 'rmi', ref);
      cli.push(await cliFirstLine(endpoint, ref));
    }
  } finally {
    if (await hasImage(engine, ref).catch(() => false))
      await dockerCli(endpoint, 'rmi', ref).catch(() => undefined);
    await registry.stop();
  }
  const cliLabel = 'docker pull -> its first line of output';
  return [
    ...summarize(
      'click on Pull -> the overall progress bar (Pull image dialog, 10 MB image)',
      bar,
      cli,
      cliLabel,
      'goal: the UI answers a click within 100 ms; the bar shows at once, indeterminate until the engine speaks',
    ),
    ...summarize(
      "click on Pull -> the first layer bar (the engine's first word about a layer)",
      layer,
      cli,
      cliLabel,
      'both wait on the engine reaching the loopback registry; the image removed before every run',
    ),
  ];
}
