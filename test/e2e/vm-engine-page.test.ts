// The Engine page of Berth's Linux VM, driven through the browser face with
// the real VM under QEMU (TCG here). One app, one VM folder, in the order a
// user meets them: a start that fails at its corrupt data disk (an alert
// naming the step, Retry and Reset), a full data disk (the engine runs, the
// page says the disk is full, a write fails with the hint), Reset, a start
// watched step by step to running on an empty disk, then the resource fields.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, open, readFile, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureVmImage } from '../../scripts/vm-image/ensure.ts';
import { vmContextName } from '../../electron/engine/vm/vm-context.ts';
import { launchChromium, signIn } from '../helpers/browser.ts';
import { vmBootReport } from '../helpers/vm-boot-report.ts';
import { FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { fullDataDisk } from '../helpers/vm-disk.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

const run = promisify(execFile);
/** A VM boot under TCG on two busy cores: 15-40 s alone, minutes beside other work. */
const BOOT_MS = 4 * 60_000;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

let browser: Browser;
let page: Page;
let app: WebApp | undefined;
let dataDir: string;

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `vm-engine-${name}.png`), fullPage: true });
}

/** The image the recipe builds (cached outside the clone, as the vm layer has it), unless the run names one. */
async function vmImageDir(): Promise<string> {
  return process.env.BERTH_VM_IMAGE_DIR || (await ensureVmImage());
}

async function requireQemu(): Promise<void> {
  try {
    await run('qemu-system-x86_64', ['--version'], { timeout: 30_000 });
  } catch {
    throw new Error(
      'QEMU is missing: apt-get install qemu-system-x86 (the VM engine page test boots the real VM).',
    );
  }
}

/**
 * A data disk no file system checker can repair: its first MiB is noise, so
 * the guest finds no superblock and stops with an error naming the disk. The
 * file keeps the default size, sparse.
 */
async function corruptDataDisk(file: string): Promise<void> {
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.write(Buffer.alloc(1024 * 1024, 0xa5), 0, 1024 * 1024, 0);
    await handle.truncate(64 * GiB);
  } finally {
    await handle.close();
  }
}

/** QEMU this test's app started, by the pid file in its VM folder, if it still runs. */
async function leftoverQemu(): Promise<number | null> {
  const pid = Number.parseInt(
    await readFile(join(dataDir, 'vm', 'qemu.pid'), 'utf8').catch(() => ''),
    10,
  );
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** Notes each step the start progressbar names, as it changes: a quick step shows briefly. */
async function recordStartSteps(): Promise<void> {
  // A string: these tests compile without the DOM's types.
  await page.evaluate(`{
    const seen = (window.__vmSteps = []);
    const look = () => {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        const step = bar.getAttribute('aria-valuetext');
        if ((bar.getAttribute('aria-label') || '').startsWith('Starting the VM') && step && seen.at(-1) !== step)
          seen.push(step);
      }
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuetext', 'aria-label'],
    });
    look();
  }`);
}

const indicator = (word: string) => page.getByRole('status', { name: `Engine: ${word}` });
const lastStart = () => page.getByRole('list', { name: 'Last start' });

/** The steps of the last start as the page lists them: name, outcome and seconds. */
async function listedSteps(): Promise<{ name: string; outcome: string; seconds: number }[]> {
  const items = await lastStart().getByRole('listitem').allInnerTexts();
  return items.map((text) => {
    const match = /^(.+?) (done|running|failed) ([\d.]+) s/.exec(text.split('\n')[0]!.trim());
    if (!match) throw new Error(`A start step reads oddly: "${text}"`);
    return { name: match[1]!, outcome: match[2]!, seconds: Number(match[3]) };
  });
}

/** `work`, or its failure with what the page listed for the start and the VM's console. */
async function explained<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const steps = await lastStart()
      .innerText({ timeout: 5_000 })
      .catch(() => '(no "Last start" list)');
    const alerts = await page.getByRole('alert').allInnerTexts();
    const report = await vmBootReport(dataDir, null, 'vm-engine-page');
    const said = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${said}\nLast start:\n${steps}\nAlerts: ${alerts.join(' | ') || 'none'}\n${report}`,
      { cause: error },
    );
  }
}

beforeAll(
  async () => {
    await requireQemu();
    const imageDir = await vmImageDir();
    dataDir = await mkdtemp(join(tmpdir(), 'berth-vm-page-'));
    await mkdir(join(dataDir, 'vm'), { recursive: true, mode: 0o700 });
    await corruptDataDisk(join(dataDir, 'vm', 'data.img'));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    app = await startWebApp({
      dataDir,
      engine: 'vm',
      env: {
        // The VM shares the home folder: a scratch one, so the test shares nothing of the machine's.
        HOME: await mkdtemp(join(tmpdir(), 'berth-vm-home-')),
        BERTH_VM_IMAGE_DIR: imageDir,
        DOCKER_HOST: '',
        DOCKER_CONTEXT: '',
        BERTH_NO_WELL_KNOWN_SOCKETS: '1',
      },
    });
    await signIn(page, app.urlWithToken);
    await page.goto(`${app.url}#/engine`);
  },
  testTimeout(10 * 60_000, FOLLOW_MS),
);

afterAll(async () => {
  await browser?.close();
  // The app powers the VM off as it quits; a QEMU still there after that is killed, and fails the run.
  await app?.stop();
  const pid = dataDir ? await leftoverQemu() : null;
  if (pid !== null) {
    process.kill(pid, 'SIGKILL');
    throw new Error(`QEMU ${pid} outlived the app that started it`);
  }
}, BOOT_MS);

describe('the Engine page of the VM', () => {
  it(
    'shows a start that fails at the corrupt data disk in an alert naming the step, with Retry and Reset',
    async () => {
      await explained(indicator('error').waitFor({ timeout: BOOT_MS }));
      await shot('failed');
      const failed = (await listedSteps()).filter((s) => s.outcome === 'failed');
      expect(failed).toHaveLength(1);
      const alert = page.getByRole('alert').filter({ hasText: `(step: ${failed[0]!.name})` });
      await alert.waitFor({ timeout: FOLLOW_MS });
      // The guest's own words: the disk, and that it is corrupt.
      expect(await alert.textContent()).toMatch(/data disk.*corrupt/i);
      await alert.getByRole('button', { name: 'Retry', exact: true }).waitFor();
      // The console keeps the guest's last words for whoever reads on.
      await page
        .getByRole('log', { name: 'VM console' })
        .getByText(/berth-guest: error: .*data disk/)
        .waitFor({ timeout: FOLLOW_MS });
      // The VM's engine log is its console: shown once, not again as "Engine log".
      expect(await page.getByRole('log').count()).toBe(1);
      expect(await page.getByRole('log', { name: 'Engine log' }).count()).toBe(0);

      await alert.getByRole('button', { name: 'Reset', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Reset the VM?' });
      expect(await dialog.textContent()).toContain('all images, containers and volumes');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    },
    testTimeout(BOOT_MS, FOLLOW_MS, FOLLOW_MS),
  );

  it(
    'on a full data disk, runs the engine, says the disk is full in the guest’s figures, and a write fails with the hint',
    async () => {
      // The failed start ended its QEMU: the disk is the test's to replace.
      await expect.poll(leftoverQemu, { timeout: FOLLOW_MS }).toBeNull();
      // Full at the size the VM uses (64 GiB, the default), sparse here: 32 MiB left, room
      // for dockerd's start but not for the 48 MB image loaded below.
      await fullDataDisk(join(dataDir, 'vm', 'data.img'), 64 * GiB, 32 * MiB);
      await page.getByRole('button', { name: 'Retry', exact: true }).click();
      const full = page.getByRole('alert', { name: 'VM data disk full' });
      await full.waitFor({ timeout: BOOT_MS });
      await indicator('running').waitFor({ timeout: BOOT_MS });

      expect(await full.textContent()).toMatch(
        /data disk is full: [\d.]+ MiB free of [\d.]+ GiB\. Pulls, builds and new containers fail/,
      );
      expect(
        await full.getByRole('link', { name: 'Open the Disk page' }).getAttribute('href'),
      ).toBe('#/disk');
      await full.getByRole('button', { name: 'Change disk size', exact: true }).waitFor();
      await full.getByRole('button', { name: 'Reset', exact: true }).waitFor();
      // The guest's count (all but a few MiB used) beside the sparse file's few MiB on the host.
      const section = page.getByRole('region', { name: 'Linux VM' });
      const text = (await section.innerText()).replace(/\s+/g, ' ');
      const figures =
        /Data disk ([\d.]+) GiB used of ([\d.]+) GiB \(100 %\), ([\d.]+) MiB free, takes ([\d.]+) MiB on this computer/.exec(
          text,
        );
      expect(figures, text).not.toBeNull();
      const [, used, size, free, onHost] = figures!.map(Number);
      expect(size).toBeGreaterThan(60);
      expect(size! - used!).toBeLessThan(0.1);
      expect(free).toBeLessThan(64);
      expect(onHost).toBeLessThan(200);
      await shot('disk-full');

      // A write through the app: loading an image bigger than what is left.
      const scratch = await mkdtemp(join(tmpdir(), 'berth-vm-full-'));
      await writeFile(join(scratch, 'big.bin'), '');
      await truncate(join(scratch, 'big.bin'), 48 * MiB);
      await run('tar', ['-C', scratch, '-cf', join(scratch, 'big.tar'), 'big.bin']);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Images', exact: true })
        .click();
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: 'Load image', exact: true }).click(),
      ]);
      await chooser.setFiles(join(scratch, 'big.tar'));
      const refused = page.getByRole('alert').filter({ hasText: /no space left on device/ });
      await refused.waitFor({ timeout: BOOT_MS });
      expect(await refused.textContent()).toContain('Open the Engine page');
      await shot('disk-full-load');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Engine', exact: true })
        .click();
      await full.waitFor({ timeout: FOLLOW_MS });
    },
    testTimeout(FOLLOW_MS, BOOT_MS, BOOT_MS, BOOT_MS, FOLLOW_MS),
  );

  it(
    'after Reset, shows "Starting the VM" naming each step as it goes, then the running VM',
    async () => {
      await recordStartSteps();
      await page.getByRole('button', { name: 'Reset', exact: true }).first().click();
      await page
        .getByRole('dialog', { name: 'Reset the VM?' })
        .getByRole('button', { name: 'Reset and delete everything', exact: true })
        .click();
      // The reset's own bar names what is reset: the VM.
      const resetting = page.getByRole('progressbar', { name: 'Resetting the VM', exact: true });
      await resetting.waitFor({ timeout: FOLLOW_MS });
      expect(await resetting.textContent()).toMatch(/^Resetting the VM: /);
      await page
        .getByRole('progressbar', { name: 'Starting the VM' })
        .waitFor({ timeout: FOLLOW_MS });
      await shot('starting');
      await explained(indicator('running').waitFor({ timeout: BOOT_MS }));
      await expect
        .poll(() => page.getByRole('progressbar', { name: 'Starting the VM' }).count())
        .toBe(0);

      const steps = await listedSteps();
      expect(steps.every((s) => s.outcome === 'done')).toBe(true);
      const seen = (await page.evaluate('window.__vmSteps')) as string[];
      // The bar named the steps in the order they ran, and every step that lasted a while.
      // (A step may be shown inside more words, as a reset's "reset: start engine · boot kernel".)
      const firstShown = steps.map((step) => seen.findIndex((text) => text.includes(step.name)));
      const shownInOrder = firstShown.filter((i) => i >= 0);
      expect(shownInOrder).toEqual([...shownInOrder].sort((a, b) => a - b));
      steps.forEach((step, i) => {
        if (step.seconds >= 1)
          expect(firstShown[i], `${step.name} in ${seen.join(' | ')}`).toBeGreaterThanOrEqual(0);
      });
      expect(seen.length).toBeGreaterThanOrEqual(5);

      const section = page.getByRole('region', { name: 'Linux VM' });
      await section
        .getByText('No hardware acceleration: the VM runs under software emulation and is slower')
        .waitFor();
      const text = (await section.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain('TCG (software emulation)');
      expect(text).toMatch(/Image version \S+ \(kernel \S+, Docker \S+\)/);
      expect(text).toMatch(/Data disk [\d.]+ \w*B used of [\d.]+ GiB \(\d+ %\), [\d.]+ GiB free/);
      // The new disk is empty: the full disk's alert went with the old one.
      expect(await page.getByRole('alert', { name: 'VM data disk full' }).count()).toBe(0);
      expect(text).toMatch(/Engine API 127\.0\.0\.1:\d+/);
      expect(await section.getByLabel('docker command').textContent()).toBe(
        `docker --context ${vmContextName(dataDir, false)} ps`,
      );
      await section.getByRole('button', { name: 'Copy command', exact: true }).click();
      await section.getByText('Copied.').waitFor({ timeout: FOLLOW_MS });
      await shot('running');
      await page
        .getByRole('log', { name: 'VM console' })
        .getByText('berth-guest: ready')
        .waitFor({ timeout: FOLLOW_MS });
    },
    testTimeout(FOLLOW_MS, BOOT_MS, FOLLOW_MS),
  );

  it(
    'refuses a smaller disk before sending, and saves resources for the next start',
    async () => {
      const section = page.getByRole('region', { name: 'VM resources' });
      const disk = section.getByRole('spinbutton', { name: 'Disk size', exact: true });
      await disk.fill('32');
      await section.getByRole('button', { name: 'Save', exact: true }).click();
      await section.getByText('The disk can only grow: it is 64 GiB now').waitFor();
      expect(await disk.getAttribute('aria-invalid')).toBe('true');
      expect(await section.getByRole('status', { name: 'Restart required' }).count()).toBe(0);

      await disk.fill('64');
      await section.getByRole('spinbutton', { name: 'CPUs', exact: true }).fill('1');
      await section.getByRole('spinbutton', { name: 'Memory', exact: true }).fill('1536');
      await section.getByRole('combobox', { name: 'Memory unit' }).selectOption('MiB');
      await section.getByRole('button', { name: 'Save', exact: true }).click();
      const restart = section.getByRole('status', { name: 'Restart required' });
      await restart.waitFor({ timeout: FOLLOW_MS });
      await restart.getByRole('button', { name: 'Restart', exact: true }).waitFor();
      const saved = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as {
        vmResources: unknown;
      };
      await shot('resources');
      expect(saved.vmResources).toEqual({ cpus: 1, memoryMiB: 1536, diskGiB: 64 });
    },
    testTimeout(FOLLOW_MS, FOLLOW_MS),
  );
});
