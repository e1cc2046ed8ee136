// Shown commands pasted into real shells: dash (Debian's sh), bash and zsh,
// each also the way a person's terminal runs it (interactive: history
// expansion in bash) and zsh with the options that make more characters
// special. `docker` is replaced by a tiny program that records its
// arguments, which must be exactly the ones Berth meant.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lifecycleCommandLine,
  recreateCommandLines,
  runCommandArgs,
  runCommandLine,
} from './run-command.ts';
import { emptyRunSpec, type RunSpec } from './spec.ts';

interface Shell {
  name: string;
  argv: string[];
  /** Interactive shells read the line from stdin, as a terminal would give it. */
  interactive: boolean;
}

const ZSH_OPTIONS = ['-o', 'extendedglob', '-o', 'kshglob', '-o', 'braceccl', '-o', 'rcquotes'];
const shells: Shell[] = [
  { name: 'dash', argv: ['dash'], interactive: false },
  { name: 'bash', argv: ['bash', '--norc', '--noprofile'], interactive: false },
  { name: 'bash -i', argv: ['bash', '--norc', '--noprofile', '-i'], interactive: true },
  { name: 'zsh', argv: ['zsh', '-f'], interactive: false },
  { name: 'zsh extendedglob', argv: ['zsh', '-f', '-o', 'extendedglob'], interactive: false },
  {
    name: 'zsh -i, magicequalsubst',
    argv: ['zsh', '-f', '-i', '-o', 'magicequalsubst'],
    interactive: true,
  },
  {
    name: 'zsh -i, extendedglob and more',
    argv: ['zsh', '-f', '-i', ...ZSH_OPTIONS],
    interactive: true,
  },
];

let dir: string;
let log: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-shells-'));
  log = join(dir, 'argv.log');
  // The stand-in for docker: each call appends its argument count, then each argument, NUL-terminated.
  writeFileSync(
    join(dir, 'docker'),
    '#!/bin/sh\n{ printf \'%s\\0\' "$#"; for a in "$@"; do printf \'%s\\0\' "$a"; done; } >> "$ARGV_LOG"\n',
  );
  chmodSync(join(dir, 'docker'), 0o755);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `text` (one or more lines) in `shell`, and returns the argument lists docker got. */
function run(shell: Shell, text: string): string[][] {
  writeFileSync(log, '');
  const [command, ...args] = shell.argv;
  const result = spawnSync(command!, shell.interactive ? args : [...args, '-c', text], {
    input: shell.interactive ? `${text}\n` : '',
    env: {
      PATH: `${dir}:/usr/bin:/bin`,
      HOME: dir,
      ARGV_LOG: log,
      LANG: 'C.UTF-8',
      TERM: 'dumb',
    },
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  const fields = readFileSync(log, 'utf8').split('\0');
  const calls: string[][] = [];
  for (let i = 0; i < fields.length - 1;) {
    const count = Number(fields[i]);
    calls.push(fields.slice(i + 1, i + 1 + count));
    i += 1 + count;
  }
  return calls;
}

const hostile = [
  "it's",
  "'",
  "''",
  '"double"',
  `both ' and "`,
  '$(id)',
  '${HOME}',
  '$HOME',
  '`id`',
  'a\nb',
  'line\r\nend',
  'tab\there',
  'a;b',
  'a|b',
  'a&b',
  'a && id',
  '>out',
  '<in',
  '/tmp/x,source=/',
  '=ls',
  '=',
  '^x',
  'a^b',
  '~x',
  '~',
  'a=~/x',
  '#x',
  'a#b',
  'x#',
  '!x',
  '!!',
  'a!b',
  '{a,b}',
  '*',
  '?',
  '[a]',
  'a*',
  '(x)',
  '@(x)',
  '--%',
  '@x',
  'a,b',
  '%x%',
  '\\',
  'back\\slash\\',
  'ünïcödé',
  'שלום עולם',
  '\u202eevil',
  '🙂',
  '',
  ' lead',
  'trail ',
  '  ',
  '-',
  '--',
  'a==ls',
  'a=b:=ls',
  'x:=ls',
  'a=b=ls',
  'a=~root',
  'tab\there',
  'ctrl-c\x03; id',
  '\x7f\x7f; id',
  '\x1b[31mred',
  '\x1b\r',
  'cr\r',
  'a\u2028b',
  "'\x03'",
];

/** Every hostile value in every place a run line has one. */
function hostileSpec(): RunSpec {
  return {
    ...emptyRunSpec(),
    image: 'busybox',
    name: 'quoting-test',
    command: hostile,
    entrypoint: '$(id)',
    user: '`id`',
    workdir: '/tmp/=ls ^x',
    env: hostile.map((value, i) => `V${i}=${value}`),
    labels: Object.fromEntries(hostile.map((value, i) => [`l${i}`, value])),
    volumes: [
      { type: 'bind', source: '/tmp/x,source=/', target: '/x', readOnly: true },
      { type: 'bind', source: `/tmp/it's "q"`, target: '/$(id)', readOnly: false },
      { type: 'bind', source: '/tmp/a\nb', target: '/=ls', readOnly: false },
      { type: 'volume', source: 'data', target: '/~x,^y', readOnly: false },
      { type: 'anonymous', target: '/a:/b', readOnly: false },
    ],
    network: 'name=host',
  };
}

describe.each(shells)('a shown command pasted into $name', (shell) => {
  it('passes every hostile value to docker exactly', () => {
    const spec = hostileSpec();
    const line = runCommandLine(spec, 'posix', { context: 'ctx;id' });
    // Nothing a terminal or line editor would act on when the line is pasted.
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(line).not.toMatch(/[\0-\x08\t\r\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/);
    const calls = run(shell, line);
    expect(calls).toEqual([runCommandArgs(spec, { context: 'ctx;id' }).slice(1)]);
  });

  it('passes each hostile value alone, so one cannot hide another', () => {
    for (const value of hostile) {
      const spec = { ...emptyRunSpec(), image: 'busybox', command: [value] };
      expect(run(shell, runCommandLine(spec, 'posix')), JSON.stringify(value)).toEqual([
        ['run', '-d', 'busybox', value],
      ]);
    }
  });

  it('runs the re-create lines and row actions with the same arguments', () => {
    const spec = { ...hostileSpec(), name: 'web' };
    const lines = recreateCommandLines(spec, 'posix', { host: 'unix:///tmp/a b.sock' });
    expect(run(shell, lines.join('\n'))).toEqual([
      ['-H', 'unix:///tmp/a b.sock', 'rename', 'web', 'web-old'],
      ['-H', 'unix:///tmp/a b.sock', 'stop', 'web-old'],
      runCommandArgs(spec, { host: 'unix:///tmp/a b.sock' }).slice(1),
      ['-H', 'unix:///tmp/a b.sock', 'rm', 'web-old'],
    ]);
    const remove = lifecycleCommandLine('remove', 'web', { force: true }, 'posix', {
      context: '=ls',
    });
    expect(run(shell, remove)).toEqual([['--context', '=ls', 'rm', '--force', 'web']]);
  });

  it('runs nothing for a spec it cannot write', () => {
    const spec = { ...emptyRunSpec(), image: 'busybox', env: ['HOME'], labels: { 'a=b': '$(id)' } };
    expect(run(shell, runCommandLine(spec, 'posix'))).toEqual([]);
  });
});
