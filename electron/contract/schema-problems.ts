// One wording for everything a schema refuses, used by the server's reply and
// by the forms alike: the forms show the schema's own problems beside their
// fields, so what the form says and what the server enforces cannot drift.
// Every function here looks at a bounded number of issues and truncates what
// it quotes, so a hostile frame with thousands of problems costs as much as one.
import type { z } from 'zod';

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

/** Problems to spell out in one message; the rest are counted, never formatted. */
const SHOWN_PROBLEMS = 3;
const MAX_PROBLEM_CHARS = 200;
const MAX_SEGMENT_CHARS = 40;

/**
 * Zod's error map in plain words ("At most 1000"). A message a schema gives
 * itself wins over these (zod's own precedence), so checks that need a
 * sentence ("A name starts with a letter…") keep it.
 */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Missing';
      return `Expected ${typeWords[issue.expected] ?? issue.expected}`;
    case 'too_big': {
      const max = String(issue.maximum);
      const bound = issue.inclusive === false ? `Less than ${max}` : `At most ${max}`;
      return `${bound}${unitOf(issue.origin)}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string' && min === '1') return 'Cannot be empty';
      const bound = issue.inclusive === false ? `More than ${min}` : `At least ${min}`;
      return `${bound}${unitOf(issue.origin)}`;
    }
    case 'invalid_format':
      return issue.format === 'regex' ? 'Not in the expected form' : `Not a valid ${issue.format}`;
    case 'not_multiple_of':
      return `A multiple of ${String(issue.divisor)}`;
    case 'invalid_value':
      return `One of ${listed(issue.values.map((v) => String(v)))}`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length === 1 ? '' : 's'} ${listed(issue.keys)}`;
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues[0]?.message ?? 'Not accepted';
    case 'invalid_union':
      return 'Not one of the accepted forms';
    default:
      return 'Not accepted';
  }
};

const typeWords: Record<string, string> = {
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a set of fields',
  record: 'a set of fields',
  tuple: 'a list',
};

function unitOf(origin: string): string {
  if (origin === 'string') return ' characters';
  if (origin === 'array' || origin === 'set' || origin === 'object' || origin === 'record') {
    return ' entries';
  }
  return '';
}

/** At most a few quoted names, then how many more. */
function listed(names: readonly string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${truncate(n, MAX_SEGMENT_CHARS)}"`);
  const more = names.length - shown.length;
  return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}

/** `schema.safeParse`, with problems in plain words: what the server and the forms both call. */
export function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(value, { error: plainWords });
}

/** Dot paths of a schema's fields (`restart.maxRetries`) to what a person calls them. */
export type FieldLabels = Readonly<Record<string, string>>;

/** The longest prefix of `path` that `table` names, and the segments after it. */
function longestNamed<T>(
  path: Path,
  table: Readonly<Record<string, T>>,
): { named: T | undefined; rest: Path } {
  for (let n = path.length; n >= 0; n--) {
    const key = path.slice(0, n).map(String).join('.');
    if (Object.hasOwn(table, key)) return { named: table[key], rest: path.slice(n) };
  }
  return { named: undefined, rest: path };
}

/** Segments below a named field, in words: list positions counted from 1, keys quoted. */
function restWords(rest: Path): string {
  return rest
    .map((segment) =>
      typeof segment === 'number'
        ? `entry ${segment + 1}`
        : `"${truncate(String(segment), MAX_SEGMENT_CHARS)}"`,
    )
    .join(', ');
}

/** Where a problem sits, in words: "Max retries", "Ports, entry 2, "hostPort"". */
export function placeOf(path: Path, labels: FieldLabels): string {
  const { named, rest } = longestNamed(path, labels);
  const words = restWords(rest);
  if (named === undefined) return words || 'The value';
  return words ? `${named}, ${words}` : named;
}

/**
 * Each issue's message under the field its path belongs to (the longest dot-path
 * prefix `fields` names); issues no field claims go to `fallback`. A problem below
 * the field says where ("Entry 3: At most 100000 characters").
 */
export function problemsByField<F extends string>(
  error: z.ZodError,
  fields: Readonly<Record<string, F>>,
  fallback: F,
): Partial<Record<F, string[]>> {
  const byField: Partial<Record<F, string[]>> = {};
  for (const issue of error.issues) {
    const { named, rest } = longestNamed(issue.path, fields);
    const where = restWords(rest);
    const text = truncate(issue.message, MAX_PROBLEM_CHARS);
    const list = (byField[named ?? fallback] ??= []);
    const line = where ? upperFirst(`${where}: ${text}`) : text;
    if (!list.includes(line)) list.push(line);
  }
  return byField;
}

/**
 * One short sentence for a reply: the first few problems, each after its place
 * ("Max retries: at most 1000"), then how many more. Only `SHOWN_PROBLEMS`
 * issues are read, whatever their number.
 */
export function describeProblems(
  issues: readonly Issue[],
  placeFor: (path: Path) => string,
): string {
  const shown = issues.slice(0, SHOWN_PROBLEMS).map((issue) => {
    const text = truncate(issue.message, MAX_PROBLEM_CHARS);
    // A built-in check's words continue the field's name ("Max retries: at most 1000");
    // a custom check's message is a sentence of its own and keeps its capital.
    return `${placeFor(issue.path)}: ${issue.code === 'custom' ? text : lowerFirst(text)}`;
  });
  const more = issues.length - shown.length;
  if (more > 0) shown.push(`and ${more} more problem${more === 1 ? '' : 's'}`);
  return shown.join('; ');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "At most 1000" -> "at most 1000", but "CPU numbers…" keeps its capitals. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z ]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
