// Runs a helper program (ip, umount) and turns its failure into an error that
// quotes the program's own stderr, which is what a user needs to see.

import { execFile } from 'node:child_process';

class CommandError extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;

  constructor(command: string, exitCode: number | null, stderr: string, cause?: unknown) {
    super(`${command} failed${exitCode !== null ? ` (exit ${exitCode})` : ''}: ${stderr.trim()}`, {
      cause,
    });
    this.name = 'CommandError';
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
}

export type RunCommand = (
  file: string,
  args: readonly string[],
  signal?: AbortSignal,
) => Promise<{ stdout: string; stderr: string }>;

export const runCommand: RunCommand = (file, args, signal) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { signal, timeout: 30_000 }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ stdout, stderr });
        return;
      }
      const code = typeof error.code === 'number' ? error.code : null;
      const detail = stderr || error.message;
      reject(new CommandError([file, ...args].join(' '), code, detail, error));
    });
  });
