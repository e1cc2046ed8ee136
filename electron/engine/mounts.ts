// Mounts dockerd leaves under its data-root. A clean stop unmounts them; a
// SIGKILLed dockerd leaves at least a bind mount of the data-root on itself,
// and `rm -rf` then fails with EBUSY. Reset and test teardown unmount first.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runCommand, type RunCommand } from './run-command.ts';

/** /proc/mounts escapes space, tab, newline and backslash as octal. */
function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}

export function parseMountPoints(procMounts: string): string[] {
  return procMounts
    .split('\n')
    .map((line) => line.split(' ')[1])
    .filter((p): p is string => p !== undefined && p !== '')
    .map(unescapeMountPath);
}

/** Mount points at or below `dir`, deepest first so each unmounts before its parent. */
export function mountsUnder(mountPoints: readonly string[], dir: string): string[] {
  const root = path.resolve(dir);
  const inside = mountPoints.filter((m) => m === root || m.startsWith(`${root}/`));
  return [...new Set(inside)].sort((a, b) => b.length - a.length);
}

/** Lazily unmounts everything under `dir`; returns what was unmounted. */
export async function unmountAllUnder(
  dir: string,
  run: RunCommand = runCommand,
): Promise<string[]> {
  const done: string[] = [];
  // A mount can be stacked several times on one point; repeat until none is left.
  for (let round = 0; round < 10; round++) {
    const targets = mountsUnder(parseMountPoints(await readFile('/proc/mounts', 'utf8')), dir);
    if (targets.length === 0) return done;
    for (const target of targets) {
      await run('umount', ['-l', target]);
      done.push(target);
    }
  }
  throw new Error(`Mounts under ${dir} keep coming back; something still uses the folder`);
}
