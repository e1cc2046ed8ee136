// From a `docker run` on the CLI to the container's row in the browser face,
// next to when `docker events` (the CLI's own view) reported the container.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { dockerCli, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

// Runs in the page (a string, since this file is type-checked without the DOM):
// records when each container row first appears, by name.
const installRowObserver = `
  window.__berthSeen = {};
  const scan = () => {
    const at = Date.now();
    for (const row of document.querySelectorAll('[role="grid"][aria-label="Containers"] [role="row"][aria-label]')) {
      const name = row.getAttribute('aria-label').split(' ')[0];
      if (!(name in window.__berthSeen)) window.__berthSeen[name] = at;
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, attributes: true });
`;

export async function measureRowLatency(
  page: Page,
  endpoint: string,
  image: string,
  runs: number,
): Promise<BenchRow[]> {
  await page.evaluate(installRowObserver);

  const eventsSeen = new Map<string, number>();
  const events = spawn('docker', [
    '-H',
    endpoint,
    'events',
    '--filter',
    'type=container',
    '--filter',
    'event=create',
    '--format',
    '{{.Actor.Attributes.name}}',
  ]);
  createInterface({ input: events.stdout }).on('line', (name) =>
    eventsSeen.set(name.trim(), Date.now()),
  );
  await new Promise((r) => setTimeout(r, 300)); // let `docker events` subscribe

  const rowMs: number[] = [];
  const cliMs: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const name = `bench-row-${i}`;
      // The grid is virtualised: filter first, so the new row is among those rendered.
      await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
      const started = Date.now();
      await dockerCli(endpoint, 'run', '-d', '--name', name, image, 'sleep', '600');
      const seenAt = `window.__berthSeen[${JSON.stringify(name)}]`;
      await waitInPage(page, `${seenAt} !== undefined`, 10_000);
      const rowAt = (await page.evaluate(seenAt)) as number;
      for (let wait = 0; !eventsSeen.has(name) && wait < 100; wait++)
        await new Promise((r) => setTimeout(r, 20));
      const eventAt = eventsSeen.get(name);
      if (eventAt === undefined) throw new Error(`docker events never reported ${name}`);
      rowMs.push(rowAt - started);
      cliMs.push(eventAt - started);
    }
  } finally {
    events.kill();
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
    const ids = (await dockerCli(endpoint, 'ps', '-aq', '--filter', 'name=bench-row-'))
      .split('\n')
      .filter(Boolean);
    if (ids.length) await dockerCli(endpoint, 'rm', '-f', ...ids);
  }
  return summarize(
    'docker run -> row shown',
    rowMs,
    cliMs,
    'docker run -> `docker events` create',
    'both timed from the start of the same `docker run`; ms resolution',
  );
}
