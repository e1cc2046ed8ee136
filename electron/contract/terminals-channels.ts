// The terminals domain of the contract: a shell (or a typed command) run with
// `docker exec`, `docker attach` to a container's main process, and a shell in
// a throwaway container of an image. Each is a two-way stream: raw terminal
// bytes out, keystrokes in, and the terminal's size.
import { z } from 'zod';
import { MAX_TERMINAL_CELLS } from './flow-control.ts';
import { containerRef, imageRef } from './refs.ts';
import { parseCommand } from './run-spec/parse.ts';
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

interface TerminalSize {
  cols: number;
  rows: number;
}

export interface ExecQuery extends TerminalSize {
  id: string;
  /** What to run; without it, bash where the container has it, else sh. */
  command?: string[];
}

export interface AttachQuery extends TerminalSize {
  id: string;
}

export interface ImageShellQuery extends TerminalSize {
  image: string;
  command?: string[];
}

export interface TerminalStreams {
  /** `docker exec -it`: ends when the program exits, with a last line saying how. */
  'containers.exec': { args: [query: ExecQuery] };
  /** `docker attach`: the container's main process; its detach keys are DETACH_KEYS. */
  'containers.attach': { args: [query: AttachQuery] };
  /** `docker run --rm -it IMAGE sh`: the container goes away with the stream. */
  'images.shell': { args: [query: ImageShellQuery] };
}

/** The engine's default detach sequence, shown beside an attached terminal. */
export const DETACH_KEYS = 'ctrl-p,ctrl-q';

const cells = z.number().int().min(1).max(MAX_TERMINAL_CELLS);
/** A program and its arguments, as exec's Cmd takes them (no shell in between). */
const command = z.array(z.string().min(1).max(4096)).min(1).max(64);

export const terminalStreamArgs: {
  [K in keyof TerminalStreams]: z.ZodType<TerminalStreams[K]['args']>;
} = {
  'containers.exec': z.tuple([
    z.object({ id: containerRef, command: command.optional(), cols: cells, rows: cells }).strict(),
  ]),
  'containers.attach': z.tuple([z.object({ id: containerRef, cols: cells, rows: cells }).strict()]),
  'images.shell': z.tuple([
    z.object({ image: imageRef, command: command.optional(), cols: cells, rows: cells }).strict(),
  ]),
};

export type TerminalKind = 'exec' | 'attach' | 'image';

/** The `docker` line behind a terminal, safe to paste into `shell`. */
export function terminalCommandLine(
  kind: TerminalKind,
  target: { name: string; command?: string[] },
  shell: Shell,
  cli: CliTarget = {},
): string {
  const program = target.command ?? ['sh'];
  const args =
    kind === 'exec'
      ? ['exec', '-it', target.name, ...program]
      : kind === 'attach'
        ? ['attach', target.name]
        : ['run', '--rm', '-it', target.name, ...program];
  return dockerCommandLine(args, shell, cli);
}

/**
 * What the user typed in the Command field, split as a shell would split words
 * (the New container dialog's own rules), without running a shell: the image
 * may have none. `command` is undefined for an empty field (the default shell).
 */
export function splitCommand(text: string): { command?: string[]; problem?: string } {
  const parsed = parseCommand(text);
  if (!parsed.ok) return { problem: parsed.errors.join('; ') };
  return parsed.value.length ? { command: parsed.value } : {};
}
