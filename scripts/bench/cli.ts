// The docker CLI, timed from the bench process: the figure a user would see.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export async function dockerCli(endpoint: string, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('docker', ['-H', endpoint, ...args], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  return stdout;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/**
 * Polls an expression in the page until it is truthy. Not waitForFunction: with
 * a string that runs through eval in the page, which our CSP rightly refuses.
 */
export async function waitInPage(
  page: { evaluate(expression: string): Promise<unknown> },
  expression: string,
  timeoutMs: number,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${expression}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
