// Each lifecycle action from a click in the browser face to the row showing the
// new state, next to the same action by the docker CLI to when `docker events`
// reported it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import { dockerCli, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

interface ActionCase {
  button: string;
  cli: string;
  event: string;
  /** What the row's accessible name says once the action took effect. */
  shows: RegExp;
}

const cases: ActionCase[] = [
  { button: 'Stop', cli: 'stop', event: 'die', shows: /Exited \(0\)/ },
  { button: 'Start', cli: 'start', event: 'start', shows: /Up / },
  { button: 'Pause', cli: 'pause', event: 'pause', shows: /\(Paused\)/ },
  { button: 'Resume', cli: 'unpause', event: 'unpause', shows: /Up [^(]*$/ },
  { button: 'Kill', cli: 'kill', event: 'die', shows: /Exited \(137\)/ },
];

/** Resolves with Date.now() in the page when the row's name matches; runs in the page as a string. */
const waitForRow = (name: string, shows: RegExp) => `new Promise((resolve) => {
  const re = new RegExp(${JSON.stringify(shows.source)});
  const check = () => {
    for (const row of document.querySelectorAll('[role="row"][aria-label]')) {
      const label = row.getAttribute('aria-label');
      if (label.startsWith(${JSON.stringify(`${name} `)}) && re.test(label)) { observer.disconnect(); resolve(Date.now()); return; }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
  check();
})`;

export async function measureActions(
  page: Page,
  endpoint: string,
  image: string,
  rounds: number,
): Promise<BenchRow[]> {
  // Exits at once on SIGTERM (a trap runs when `wait` is interrupted, not after a sleep ends).
  const polite = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];
  await dockerCli(endpoint, 'run', '-d', '--name', 'bench-ui', image, ...polite);
  await dockerCli(endpoint, 'run', '-d', '--name', 'bench-cli', image, ...polite);
  const events: { name: string; action: string; at: number }[] = [];
  const watcher = spawn('docker', [
    '-H',
    endpoint,
    'events',
    '--filter',
    'type=container',
    '--format',
    '{{.Actor.Attributes.name}} {{.Action}}',
  ]);
  createInterface({ input: watcher.stdout }).on('line', (line) => {
    const [name = '', action = ''] = line.trim().split(' ');
    events.push({ name, action, at: Date.now() });
  });
  await new Promise((r) => setTimeout(r, 300));
  const ui = new Map<string, number[]>();
  const cli = new Map<string, number[]>();
  const grid = page.getByRole('grid', { name: 'Containers' });
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill('bench-');
  try {
    for (let round = 0; round < rounds; round++) {
      for (const c of cases) {
        const waiting = page.evaluate(waitForRow('bench-ui', c.shows)) as Promise<number>;
        const clicked = Date.now();
        await grid
          .getByRole('row', { name: /^bench-ui / })
          .getByRole('button', { name: c.button, exact: true })
          .click();
        ui.set(c.button, [...(ui.get(c.button) ?? []), (await waiting) - clicked]);

        const since = events.length;
        const started = Date.now();
        await dockerCli(endpoint, c.cli, 'bench-cli');
        for (let i = 0; i < 200; i++) {
          if (events.slice(since).some((e) => e.name === 'bench-cli' && e.action === c.event))
            break;
          await new Promise((r) => setTimeout(r, 5));
        }
        const seen = events
          .slice(since)
          .find((e) => e.name === 'bench-cli' && e.action === c.event);
        if (!seen) throw new Error(`docker events never reported ${c.event} for bench-cli`);
        cli.set(c.button, [...(cli.get(c.button) ?? []), seen.at - started]);
      }
      // Kill left both stopped: start them for the next round.
      await dockerCli(endpoint, 'start', 'bench-ui', 'bench-cli');
      await grid.getByRole('row', { name: /^bench-ui Up/ }).waitFor();
    }
  } finally {
    watcher.kill();
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
    await dockerCli(endpoint, 'rm', '-f', 'bench-ui', 'bench-cli');
  }
  return cases.flatMap((c) =>
    summarize(
      `${c.button} (click -> row)`,
      ui.get(c.button)!,
      cli.get(c.button)!,
      `docker ${c.cli} -> events ${c.event}`,
    ),
  );
}

/** Opens the page with `count` containers listed: time to the full grid, and how many rows the DOM holds. */
export async function measureFirstRender(
  page: Page,
  url: string,
  count: number,
): Promise<{ ms: number; domRows: number }> {
  const started = Date.now();
  await page.goto(url);
  await waitInPage(
    page,
    `document.querySelector('[role="grid"][aria-label="Containers"]')?.getAttribute('aria-rowcount') === '${count + 1}' && document.querySelectorAll('[role="grid"][aria-label="Containers"] [role="row"]').length > 1`,
    60_000,
  );

  const ms = Date.now() - started;
  const domRows = await page.getByRole('grid', { name: 'Containers' }).getByRole('row').count();
  return { ms, domRows };
}
