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
