// One argument written so that a shell hands it to the command exactly as it
// is. Shown commands get pasted into whatever shell the user has, so the bare
// (unquoted) forms are kept to words that no common shell reads as more than
// text, and everything else is quoted.

/**
 * Words that dash, bash (also interactive, where `!` expands history) and zsh
 * read as plain text: no glob, brace, tilde, history, expansion or control
 * characters. zsh adds two traps for `=`: a word starting with `=` becomes a
 * command's path (`=ls` is /usr/bin/ls), and with magicequalsubst so does
 * `=ls` after `=` or `:` in `a==ls` or `a=b:=ls`. With extendedglob `^ # ~`
 * are glob operators; none of them is bare.
 */
const POSIX_BARE = /^(?!=)(?!.*[=:]=)[A-Za-z0-9_./:@+,=-]+$/;

/**
 * Characters never put on the line as they are: a terminal or line editor
 * acts on them when the line is pasted (Ctrl-C cancels the line and the rest
 * runs as new commands; DEL erases the quote before it; Tab completes; CR
 * ends the line), or they make the shown text read differently from what runs
 * (bidirectional overrides, line separators). A newline is kept: inside quotes
 * every shell reads it as part of the argument.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\0-\x08\t\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const INVISIBLE_RUN = new RegExp(`(${INVISIBLE.source}+)`, 'u');

/**
 * Single quotes: nothing inside is special in dash, bash or zsh (`!` included,
 * even interactively), so the only character to handle is the quote itself,
 * written as close, escaped quote, reopen (`'\''`). That never puts two quotes
 * next to each other inside a quoted run, so zsh's rcquotes reads it the same.
 * Invisible characters are made by printf, in a double-quoted command
 * substitution (dash has no `$'…'`).
 */
export function quotePosix(arg: string): string {
  if (POSIX_BARE.test(arg)) return arg;
  const pieces = arg.split(INVISIBLE_RUN).map((piece, i) => {
    if (i % 2 === 0) return piece === '' ? '' : `'${piece.replace(/'/g, `'\\''`)}'`;
    // encodeURIComponent gives the UTF-8 bytes as %XX (every invisible character is escaped by it).
    const octal = encodeURIComponent(piece)
      .split('%')
      .slice(1)
      .map((hex) => `\\${parseInt(hex, 16).toString(8).padStart(3, '0')}`);
    return `"$(printf '${octal.join('')}')"`;
  });
  return pieces.join('') || "''";
}

/**
 * Bare words PowerShell passes to a native command unchanged (about_Parsing):
 * a word starting with a letter or `_` made of letters, digits and `_ . / : = -`,
 * or a plain flag (`-d`, `--name`). Everything else is quoted, which covers
 * the metacharacters (space ' " ` , ; ( ) { } | & and < > @ # at the start),
 * `$` variables and `$(…)`, `@x` splatting, `a,b` arrays, `--%` (stop-parsing:
 * the rest of the line would go unparsed, `%VAR%` expanded), a word starting
 * with `-` that has a `.` or `:` (split in two on the way to a native command:
 * PowerShell issues 6291 and 6360), numbers (`1kb`, `0x10`, `1e3` are read as
 * numbers, so anything starting with a digit is quoted), a leading `~` (home
 * on Unix) and `* ? [` (globbed for native commands on Unix).
 */
const POWERSHELL_BARE = /^(?:[A-Za-z_][A-Za-z0-9_./:=-]*|--?[A-Za-z][A-Za-z0-9-]*)$/;

/** What PowerShell's tokenizer takes as a single quote: ' and the smart ones ‘ ’ ‚ ‛. */
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

const verbatim = (text: string) => `'${text.replace(POWERSHELL_SINGLE_QUOTES, (q) => q + q)}'`;

/**
 * A verbatim (single-quoted) string: nothing inside is special but a single
 * quote, and a doubled one stands for itself (about_Quoting_Rules), smart
 * quotes included, since the tokenizer ends a string on any of them. With
 * invisible characters, an expression in parentheses joins verbatim pieces
 * and `[char]` codes into the one argument.
 *
 * What reaches docker then relies on PowerShell 7.3+ native argument passing
 * ($PSNativeCommandArgumentPassing `Standard`, the default on Linux and macOS,
 * or `Windows`, the default on Windows, which treats docker.exe as Standard):
 * each string becomes one argument, embedded double quotes are escaped for the
 * program and an empty string stays an empty argument. Windows PowerShell 5.1
 * and `Legacy` mode drop empty arguments and pass embedded `"` unescaped, so
 * the program would split or strip them: an argument with `"` or an empty one
 * needs PowerShell 7.3 or later.
 */
export function quotePowerShell(arg: string): string {
  if (POWERSHELL_BARE.test(arg)) return arg;
  if (!INVISIBLE.test(arg)) return verbatim(arg);
  const pieces = arg.split(INVISIBLE_RUN).flatMap((piece, i) => {
    if (i % 2 === 0) return piece === '' ? [] : [verbatim(piece)];
    return [...piece].map((c) => `[char]0x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  });
  // A [char] on the left would make + a char sum: start from a string.
  if (!pieces[0]!.startsWith("'")) pieces.unshift("''");
  return `(${pieces.join(' + ')})`;
}
