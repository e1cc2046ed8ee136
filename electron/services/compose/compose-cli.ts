// Finding a Compose CLI on Berth's machine: `docker compose` (the v2 plugin,
// as Docker Desktop ships it) first, then `docker-compose` (v1 as Debian
// packages it, or v2's standalone binary). Looked for on each ask, with the
// PATH of the environment given, so a CLI installed meanwhile is found.
import { execFile } from 'node:child_process';
import type { ComposeCliKind } from '../../contract/compose-channels.ts';

export interface ComposeCli {
  kind: ComposeCliKind;
  version: string;
  /** The program and the arguments before Compose's own (`docker compose`). */
  command: [string, ...string[]];
}

const VERSION = /^v?\d+\.\d+[\w.+-]*$/;

/** `PROGRAM ARGS version --short`'s answer, or null when it fails or answers no version. */
function versionOf(command: [string, ...string[]], env: NodeJS.ProcessEnv): Promise<string | null> {
  const [program, ...args] = command;
  return new Promise((resolve) => {
    execFile(
      program,
      [...args, 'version', '--short'],
      { env, timeout: 15_000, encoding: 'utf8' },
      (err, stdout) => {
        const version = stdout.trim().split('\n').pop()?.trim() ?? '';
        resolve(!err && VERSION.test(version) ? version : null);
      },
    );
  });
}

export async function findComposeCli(env: NodeJS.ProcessEnv): Promise<ComposeCli | null> {
  const candidates: { kind: ComposeCliKind; command: [string, ...string[]] }[] = [
    { kind: 'plugin', command: ['docker', 'compose'] },
    { kind: 'standalone', command: ['docker-compose'] },
  ];
  for (const candidate of candidates) {
    const version = await versionOf(candidate.command, env);
    if (version) return { ...candidate, version };
  }
  return null;
}
