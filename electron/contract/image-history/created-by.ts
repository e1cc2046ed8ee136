// A history step's `created_by` as the Dockerfile instruction it came from.
// The engine stores what ran, not what was written: the classic builder runs
// metadata steps as `/bin/sh -c #(nop)  ENV A=1` and RUN steps as
// `/bin/sh -c CMD` (with `|N K=V…` in front when build args are in scope),
// BuildKit writes `RUN /bin/sh -c CMD # buildkit` and `ENV A=1`, and
// `docker commit` stores the container's command, with the message in the comment.

export const INSTRUCTIONS = [
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

export interface CleanedStep {
  /**
   * A Dockerfile instruction (`RUN`, `COPY`…); `docker commit` or `docker import`
   * for steps no Dockerfile made; empty when the engine recorded nothing.
   */
  instruction: string;
  /** The instruction's arguments, as a Dockerfile would hold them. */
  args: string;
  /** Build arguments the step ran with (`VERSION=1`), from the `|N K=V…` prefix. */
  buildArgs?: string;
}

/** The shells RUN steps run under unless a SHELL step changed it: Linux's and Windows'. */
const DEFAULT_SHELLS = ['/bin/sh -c', 'cmd /S /C'];

const INSTRUCTION_WORD = new RegExp(`^(${INSTRUCTIONS.join('|')}) ([^]*)$`);
/** The classic builder's sources: `file:HASH`, `dir:HASH`, `multi:HASH`, then ` in DEST`. */
const CLASSIC_SOURCE = /^((?:file|dir|multi):[0-9a-f]{12})[0-9a-f]{52} in ([^]*)$/;
/** Any `#(nop)` right after a command and its flags, for shells we were not told of. */
const ANY_NOP = /^\S+(?: -\S+)* #\(nop\) +([^]*)$/;

/**
 * Cleans one step. `shell`: the one a SHELL step set for the steps after it
 * (cleanHistory follows them); the defaults are always recognised too.
 */
export function cleanCreatedBy(createdBy: string, comment = '', shell?: string): CleanedStep {
  const shells = shell ? [shell, ...DEFAULT_SHELLS] : DEFAULT_SHELLS;
  let text = createdBy.trimEnd();
  if (text.trim() === '') {
    return /^Imported from/.test(comment)
      ? { instruction: 'docker import', args: comment.replace(/^Imported from\s*/, '') }
      : { instruction: '', args: '' };
  }
  const buildkit = text.endsWith(' # buildkit');
  if (buildkit) text = text.slice(0, -' # buildkit'.length).trimEnd();

  for (const sh of shells) {
    if (text.startsWith(`${sh} #(nop) `)) return instruction(text.slice(sh.length + 8).trimStart());
  }
  if (buildkit && text.startsWith('RUN ')) return run(text.slice(4), shells);
  const asRun = run(text, shells, true);
  if (asRun) return asRun;
  const nop = ANY_NOP.exec(text);
  if (nop) return instruction(nop[1]!);
  const word = INSTRUCTION_WORD.exec(text);
  if (word) return instruction(text);
  return { instruction: 'docker commit', args: text };
}

function instruction(text: string): CleanedStep {
  const word = INSTRUCTION_WORD.exec(text);
  if (!word) return { instruction: '', args: text };
  const [, name, rest] = word as unknown as [string, string, string];
  const args = rest.trim();
  const source = name === 'ADD' || name === 'COPY' ? CLASSIC_SOURCE.exec(args) : null;
  return { instruction: name, args: source ? `${source[1]} ${source[2]}` : args };
}

/** A RUN step's command without its shell; `strict`: null unless it starts with a known shell. */
function run(text: string, shells: string[], strict: true): CleanedStep | null;
function run(text: string, shells: string[]): CleanedStep;
function run(text: string, shells: string[], strict = false): CleanedStep | null {
  let rest = text;
  let buildArgs: string | undefined;
  const counted = /^\|(\d+) ([^]*)$/.exec(rest);
  if (counted) {
    rest = counted[2]!;
    // Values may hold spaces: the args end where the shell starts; else trust the count.
    const at = Math.min(...shells.map((sh) => indexOfWord(rest, sh)).filter((i) => i >= 0));
    if (Number.isFinite(at)) {
      buildArgs = rest.slice(0, at).trim();
      rest = rest.slice(at);
    } else {
      const words = rest.split(' ');
      const n = Number(counted[1]);
      buildArgs = words.slice(0, n).join(' ');
      rest = words.slice(n).join(' ');
    }
  }
  const sh = shells.find((s) => rest.startsWith(`${s} `));
  if (!sh && strict && !counted) return null;
  const command = sh ? rest.slice(sh.length + 1) : rest;
  return { instruction: 'RUN', args: command, ...(buildArgs ? { buildArgs } : {}) };
}

function indexOfWord(text: string, word: string): number {
  if (text.startsWith(`${word} `)) return 0;
  const at = text.indexOf(` ${word} `);
  return at < 0 ? -1 : at + 1;
}

/** The shell a `SHELL [/bin/bash -o pipefail -c]` step sets (Go prints the list without quotes). */
export function shellOf(step: CleanedStep): string | undefined {
  if (step.instruction !== 'SHELL') return undefined;
  if (step.args.startsWith('["')) {
    // BuildKit may keep the JSON form; a list that is not JSON after all is read as Go's.
    const parsed = parseJson(step.args);
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string'))
      return parsed.join(' ');
  }
  const list = /^\[([^]*)\]$/.exec(step.args);
  return list?.[1]?.trim() || undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // the caller falls back to Go's form
  }
}

/** Cleans a whole history, oldest first, following SHELL steps. */
export function cleanHistory(
  steps: readonly { createdBy: string; comment?: string }[],
): CleanedStep[] {
  let shell: string | undefined;
  return steps.map((s) => {
    const step = cleanCreatedBy(s.createdBy, s.comment ?? '', shell);
    shell = shellOf(step) ?? shell;
    return step;
  });
}

/** The step as one line of text: `RUN echo hi`, `COPY file:c50ecf0f8081 /dst/`. */
export function stepText(step: CleanedStep): string {
  if (step.instruction === '') return step.args || '(no command recorded)';
  if (step.instruction === 'docker commit')
    return `docker commit (the container ran: ${step.args})`;
  return step.args ? `${step.instruction} ${step.args}` : step.instruction;
}

/** What `docker history --no-trunc` prints for a step's command (the CLI turns tabs into spaces). */
export function cliCreatedBy(createdBy: string): string {
  return createdBy.replaceAll('\t', ' ');
}
