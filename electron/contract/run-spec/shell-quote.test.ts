// PowerShell cannot be installed here, so its reading of a shown line is
// checked against a model of its documented argument-mode rules
// (about_Parsing, about_Quoting_Rules, the tokenizer's character table in
// CharTraits.cs). The POSIX shells are run for real in shell-roundtrip.test.ts.
import { describe, expect, it } from 'vitest';
import { quotePosix, quotePowerShell } from './run-command.ts';

const SINGLE_QUOTE = /['\u2018\u2019\u201a\u201b]/;
/** Whitespace for the tokenizer: space, tab, VT, FF, NBSP, NEL and Unicode separators (Zs, Zl, Zp). */
const PS_SPACE = /[ \t\v\f\u00a0\u0085\p{Z}]/u;

/** Why PowerShell would read a bare word as more than its own text, or null. */
function bareWordProblem(word: string): string | null {
  const rules: [RegExp, string][] = [
    [/[\r\n]/, 'a line break ends the command'],
    [/['"`\u2018-\u201e]/, 'a quote or backtick starts a string or an escape'],
    [/[,;(){}|&]/, 'a metacharacter (, ; ( ) { } | &)'],
    [/^[<>@#]/, '< > @ # are special at the start of a token'],
    [/\$/, '$ starts a variable or a subexpression'],
    [/^--%$/, '--% stops parsing the rest of the line'],
    [
      /^[-\u2013\u2014\u2015].*[.:]/,
      'a dash word is split at . or : (PowerShell issues 6291, 6360)',
    ],
    [/^[+\-\u2013\u2014\u2015]?\.?[0-9]/, 'a number literal is converted (1kb, 0x10, 1e3)'],
    [/^~/, '~ at the start is the home folder'],
    [/[*?[]/, 'a wildcard is expanded for native commands on Unix'],
  ];
  for (const [pattern, reason] of rules) if (pattern.test(word)) return reason;
  return PS_SPACE.test(word) ? 'whitespace separates arguments' : null;
}

/** A verbatim string from `start`: it ends at a single quote that is not doubled; a doubled one stands for the second. */
function readVerbatim(line: string, start: number): [string, number] {
  let text = '';
  for (let i = start + 1; ; i++) {
    if (i >= line.length) throw new Error('unterminated string');
    const c = line[i]!;
    if (SINGLE_QUOTE.test(c)) {
      if (!SINGLE_QUOTE.test(line[i + 1] ?? '')) return [text, i + 1];
      i++;
      text += line[i];
    } else text += c;
  }
}

/**
 * `('a' + [char]0x1b + 'b')`: an expression in parentheses is one argument
 * (about_Parsing); `+` joins strings when the left side is a string.
 */
function readJoin(line: string, start: number): [string, number] {
  let text: string | null = null;
  let i = start + 1;
  for (;;) {
    const code = /^\[char\]0x([0-9a-f]+)/.exec(line.slice(i));
    if (code) {
      if (text === null) throw new Error('a [char] first would make + add numbers');
      text += String.fromCharCode(parseInt(code[1]!, 16));
      i += code[0].length;
    } else if (SINGLE_QUOTE.test(line[i] ?? '')) {
      const [piece, end] = readVerbatim(line, i);
      text = (text ?? '') + piece;
      i = end;
    } else throw new Error(`unexpected ${JSON.stringify(line[i])} in an expression`);
    if (line.startsWith(' + ', i)) i += 3;
    else if (line[i] === ')') return [text!, i + 1];
    else throw new Error('unclosed expression');
  }
}

/** The arguments PowerShell passes to a native command for `line` (argument mode, the subset a shown line uses). */
function readPowerShellArgs(line: string): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (PS_SPACE.test(line[i]!)) {
      i++;
      continue;
    }
    if (SINGLE_QUOTE.test(line[i]!) || line[i] === '(') {
      const [text, end] = line[i] === '(' ? readJoin(line, i) : readVerbatim(line, i);
      i = end;
      if (i < line.length && !PS_SPACE.test(line[i]!)) throw new Error('text glued to a string');
      args.push(text);
      continue;
    }
    let end = i;
    while (end < line.length && !PS_SPACE.test(line[end]!)) end++;
    const word = line.slice(i, end);
    const problem = bareWordProblem(word);
    if (problem) throw new Error(`${JSON.stringify(word)}: ${problem}`);
    args.push(word);
    i = end;
  }
  return args;
}

const hostile = [
  '--%',
  "--% 'x|Start-Process calc #'",
  '@x',
  '@(1)',
  '@{a=1}',
  'a,b',
  ',a',
  '$x',
  '$(calc)',
  'a$(calc)',
  '${env:PATH}',
  '`calc`',
  '(calc)',
  '{calc}',
  'a;calc',
  'a|calc',
  'a&calc',
  '<in',
  '>out',
  '#x',
  'a#b',
  "it's",
  '\u2018smart\u2019',
  '\u201a\u201b',
  '\u201cdouble\u201d',
  '"double"',
  '',
  ' ',
  ' lead',
  'trail ',
  'non\u00a0breaking',
  'em\u2003space',
  'line\nbreak',
  'cr\rlf',
  '-foo.bar',
  '--opt=a.b',
  '-x:y',
  '\u2013Flag',
  '1kb',
  '0x10',
  '1e3',
  '.5',
  '-1',
  '~',
  '~/x',
  '*',
  'a?',
  '[ab]',
  '%PATH%',
  'ünïcödé',
  'שלום',
  '\u202eevil',
  '🙂',
  '\\',
  'tab\there',
  'ctrl-c\x03; calc',
  '\x7f\x7f; calc',
  '\x1b[31mred',
  '\t',
  'a\u2028b',
  "'\x03'",
];

describe('quotePowerShell', () => {
  it('gives every hostile value back exactly, read by the documented rules', () => {
    for (const value of hostile) {
      expect(readPowerShellArgs(`docker ${quotePowerShell(value)}`), JSON.stringify(value)).toEqual(
        ['docker', value],
      );
    }
    const line = ['docker', 'run', ...hostile].map(quotePowerShell).join(' ');
    expect(readPowerShellArgs(line)).toEqual(['docker', 'run', ...hostile]);
    // Nothing a terminal or line editor would act on when the line is pasted.
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    expect(line).not.toMatch(/[\0-\x08\t\r\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/);
  });

  it('quotes stop-parsing, splatting and arrays, which the old bare set let through', () => {
    expect(quotePowerShell('--%')).toBe("'--%'");
    expect(quotePowerShell('@x')).toBe("'@x'");
    expect(quotePowerShell('a,b')).toBe("'a,b'");
    expect(quotePowerShell('-%x')).toBe("'-%x'");
  });

  it('writes invisible characters as [char] codes, never as they are', () => {
    expect(quotePowerShell('a\x03b')).toBe("('a' + [char]0x03 + 'b')");
    expect(quotePowerShell('\x1b[0m')).toBe("('' + [char]0x1b + '[0m')");
    expect(quotePowerShell('\u202e')).toBe("('' + [char]0x202e)");
  });

  it('keeps an empty argument as an empty string', () => {
    expect(quotePowerShell('')).toBe("''");
  });

  it('doubles every kind of single quote inside the string', () => {
    expect(quotePowerShell("don't")).toBe("'don''t'");
    expect(quotePowerShell('\u2018a\u2019\u201a\u201b')).toBe(
      "'\u2018\u2018a\u2019\u2019\u201a\u201a\u201b\u201b'",
    );
    // Double quotes, smart or not, are plain text in a verbatim string.
    expect(quotePowerShell('"\u201c\u201d\u201e')).toBe("'\"\u201c\u201d\u201e'");
  });

  it('leaves only plain words and flags bare', () => {
    for (const word of [
      'docker',
      'run',
      '-d',
      '--name',
      '--cpu-shares',
      'nginx:1.27',
      'a.b/c=d-e_f',
    ]) {
      expect(quotePowerShell(word)).toBe(word);
      expect(bareWordProblem(word)).toBeNull();
    }
    for (const word of ['8080:80/tcp', '256m', '_x', 'C:/data']) {
      expect(readPowerShellArgs(quotePowerShell(word))).toEqual([word]);
    }
  });

  it('has a model that refuses what PowerShell would read differently', () => {
    expect(() => readPowerShellArgs('docker --%')).toThrow(/stops parsing/);
    expect(() => readPowerShellArgs('docker @x')).toThrow(/at the start/);
    expect(() => readPowerShellArgs('docker a,b')).toThrow(/metacharacter/);
    expect(() => readPowerShellArgs("docker 'a'b")).toThrow(/glued/);
    expect(readPowerShellArgs("docker 'a''b' '\u2019\u2019'")).toEqual(['docker', "a'b", '\u2019']);
  });
});

describe('quotePosix', () => {
  it('quotes what dash, bash or zsh would expand', () => {
    for (const value of [
      '=ls',
      '^x',
      'a^b',
      '~x',
      'a~b',
      '#x',
      'a#b',
      '!x',
      '{a,b}',
      '*',
      '?',
      '[a]',
      '%x',
      '$x',
      '`id`',
      'a b',
      '',
    ]) {
      expect(quotePosix(value), value).toMatch(/^'.*'$/s);
    }
  });

  it('leaves plain words bare, = included after the first character', () => {
    for (const word of [
      'docker',
      '--name',
      'nginx:1.27',
      'type=bind,source=/x,target=/y',
      'a=b',
      'u@h',
    ]) {
      expect(quotePosix(word)).toBe(word);
    }
  });

  it("writes a single quote as '\\''", () => {
    expect(quotePosix("it's")).toBe("'it'\\''s'");
  });

  it('writes invisible characters with printf, never as they are', () => {
    expect(quotePosix('a\x03b')).toBe(`'a'"$(printf '\\003')"'b'`);
    expect(quotePosix('\u202e')).toBe(`"$(printf '\\342\\200\\256')"`);
    expect(quotePosix('a\nb')).toBe("'a\nb'");
  });
});
