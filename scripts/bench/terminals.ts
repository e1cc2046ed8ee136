// Terminals in the page (xterm parsing and drawing included) next to the
// docker CLI in a real pseudo-terminal: a 50 MB `cat`, Ctrl-C during `yes`,
// and keystroke echo. The page side is timed inside the page: from the key's
// keydown to the last frame xterm drew before its accessibility tree (which
// xterm refreshes at most once a second) showed the awaited text.
import type { Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { cliTerminal } from './cli-pty.ts';
import { dockerCli, timed, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const CONTAINER = 'bench-terminal';
const REGION = '[role="region"][aria-label="Terminal 1"]';
const TREE = `document.querySelector('${REGION} .xterm-accessibility-tree')`;
const LINE = 'the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJKLMNOPQRSTUVW';

/** Control sequences, such as the cursor position request (ESC [6n) busybox sends after its prompt. */
const CSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[a-zA-Z]`, 'g');

/** The q's typed on the prompt line (the screen above may hold older ones, from the cat). */
const qsOnPromptLine = (tree: string) =>
  `((${tree}.innerText.trimEnd().split('\\n').pop() ?? '').match(/q/g) ?? []).length`;

const treeEndsWithPrompt = `(${TREE}?.innerText ?? '').trimEnd().endsWith('/ #')`;

async function cliCatToDevNull(endpoint: string, file: string): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['-H', endpoint, 'exec', CONTAINER, 'cat', file], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cat: ${code}`))));
  });
  return performance.now() - start;
}

async function typeInPage(page: Page, text: string): Promise<void> {
  await page.locator(`${REGION} textarea`).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Waits for what armInPage set up; its number of ms, or an error saying what the page showed. */
async function armedMs(page: Page): Promise<number> {
  const result = await page.evaluate('window.__benchDone');
  if (typeof result !== 'number') throw new Error(`The page never got there: ${String(result)}`);
  return result;
}

/**
 * Ms from the next keydown of `key` (any key without it) in the terminal to the
 * frame drawn before `expression` held in the page.
 */
async function armInPage(page: Page, expression: string, key = ''): Promise<void> {
  await page.evaluate(`window.__benchDone = new Promise((resolve) => {
    const region = document.querySelector('${REGION}');
    const tree = region.querySelector('.xterm-accessibility-tree');
    let t0 = 0;
    let drawn = 0;
    const listening = new AbortController();
    const done = (value) => { obs.disconnect(); listening.abort(); clearTimeout(timer); resolve(value); };
    // The accessibility tree may change before or after the frame is drawn: check on both.
    const check = () => { if (t0 && drawn > t0 && (${expression})) done(drawn - t0); };
    region.querySelector('.terminal-host').addEventListener('terminal-render', () => { drawn = performance.now(); check(); }, { signal: listening.signal });
    region.querySelector('textarea').addEventListener('keydown', (e) => {
      if (!t0 && (!'${key}' || e.key === '${key}')) t0 = performance.now();
    }, { capture: true, signal: listening.signal });
    const timer = setTimeout(() => done('timed out; t0=' + t0 + ', screen: ' + tree.textContent.slice(-300)), 120000);
    const obs = new MutationObserver(check);
    obs.observe(tree, { subtree: true, childList: true, characterData: true });
  });
  0 // not the promise: evaluate would wait for it`);
}

export async function measureTerminals(
  page: Page,
  endpoint: string,
  image: string,
  runs: number,
  megabytes: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await dockerCli(endpoint, 'rm', '-f', CONTAINER).catch(() => '');
  await dockerCli(endpoint, 'run', '-d', '--name', CONTAINER, image, 'sleep', '3600');
  const file = '/tmp/big';
  await dockerCli(
    endpoint,
    'exec',
    CONTAINER,
    'sh',
    '-c',
    `yes '${LINE}' | head -c ${megabytes * 1024 * 1024} > ${file}`,
  );
  const cli = cliTerminal(endpoint, CONTAINER);
  try {
    await page.evaluate(`location.hash = '#/containers'`);
    await page.evaluate(`location.hash = '#/containers/${CONTAINER}/terminal'`);
    await waitInPage(page, treeEndsWithPrompt, 30_000);
    await cli.until((out) => out.includes('/ #'));

    // cat: time to the line after it, so every byte went through xterm.
    const catPage: number[] = [];
    const catCli: number[] = [];
    const catPty: number[] = [];
    for (let i = 0; i < runs; i++) {
      const marker = `END-${i}-$((40+2))`;
      const done = `END-${i}-42`;
      await armInPage(page, `tree.textContent.includes('${done}')`, 'Enter');
      await typeInPage(page, `cat ${file}; echo ${marker}`);
      catPage.push(await armedMs(page));
      catCli.push(await cliCatToDevNull(endpoint, file));
      cli.clear();
      cli.write(`cat ${file}; echo ${marker}\r`);
      catPty.push(await cli.until((out) => out.includes(done), 120_000));
    }
    const mbps = (ms: number[]) => ((megabytes * 1000) / Math.min(...ms)).toFixed(0);
    rows.push(
      ...summarize(
        `terminal: cat of ${megabytes} MB through xterm`,
        catPage,
        catCli,
        `docker exec C cat FILE > /dev/null`,
        `goal: at least 0.5x the CLI's speed (ratio <= 2); best ${mbps(catPage)} MB/s in the page, ` +
          `${mbps(catCli)} MB/s CLI to /dev/null, ${mbps(catPty)} MB/s CLI into a pty (p50 ${catPty.sort((a, b) => a - b)[catPty.length >> 1]!.toFixed(0)} ms)`,
      ),
    );

    // Ctrl-C during yes: time to the prompt, i.e. until the output stopped.
    const stopPage: number[] = [];
    const stopCli: number[] = [];
    for (let i = 0; i < runs; i++) {
      await typeInPage(page, 'yes');
      await waitInPage(page, `(${TREE}?.textContent ?? '').includes('yyyyyyyy')`, 30_000).catch(
        async (err: unknown) => {
          const screen = await page.evaluate(`${TREE}?.innerText`);
          throw new Error(`${String(err)}; the terminal showed: ${String(screen).slice(-400)}`);
        },
      );
      await armInPage(page, `tree.innerText.trimEnd().endsWith('/ #')`);
      await page.keyboard.press('Control+C');
      stopPage.push(await armedMs(page));
      await typeInPage(page, 'clear');
      await waitInPage(page, `!(${TREE}?.textContent ?? 'y').includes('yyyy')`, 30_000);
      cli.clear();
      cli.write('yes\r');
      await cli.until((out) => out.split('y\r\n').length > 1000);
      cli.write('\x03');
      const plain = (out: string) => out.replace(CSI, '');
      stopCli.push(await cli.until((out) => plain(out).trimEnd().endsWith('/ #')));
    }
    rows.push(
      ...summarize(
        'terminal: Ctrl-C during yes, until the prompt',
        stopPage,
        stopCli,
        'docker exec -it (pty), Ctrl-C',
        'goal: output stops within 200 ms',
      ),
    );

    // Keystroke echo: one key at a time, the line cleared every 30.
    const echoPage: number[] = [];
    const echoCli: number[] = [];
    const echoRuns = runs * 10;
    for (let i = 0; i < echoRuns; i++) {
      if (i % 30 === 0) {
        await page.keyboard.press('Control+U');
        cli.write('\x15');
        await waitInPage(page, `${qsOnPromptLine(TREE)} === 0`, 30_000);
        await new Promise((r) => setTimeout(r, 50)); // the CLI's line is cleared too
      }
      const before = Number(await page.evaluate(qsOnPromptLine(TREE)));
      await armInPage(page, `${qsOnPromptLine('tree')} > ${before}`);
      await page.keyboard.press('q');
      echoPage.push(await armedMs(page));
      cli.clear();
      const echoed = timed(() => cli.until((out) => out.includes('q')));
      cli.write('q');
      echoCli.push((await echoed).value);
    }
    rows.push(
      ...summarize(
        'terminal: keystroke echo (keydown -> drawn)',
        echoPage,
        echoCli,
        'docker exec -it (pty): key -> echo',
        'goal: p95 under 30 ms on loopback',
      ),
    );
  } finally {
    cli.close();
    await dockerCli(endpoint, 'rm', '-f', CONTAINER).catch(() => '');
  }
  return rows;
}
