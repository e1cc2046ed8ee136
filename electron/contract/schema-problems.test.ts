import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyRunSpec, MAX_ENTRIES, runSpec } from './run-spec/spec.ts';
import { check, describeProblems, placeOf, problemsByField } from './schema-problems.ts';

const messages = (schema: z.ZodType, value: unknown) =>
  check(schema, value).error?.issues.map((i) => i.message);

describe('plain words for what a schema refuses', () => {
  it.each([
    ['At most 1000', z.number().max(1000), 5000],
    ['At least 2', z.number().min(2), 1],
    ['Expected a whole number', z.number().int(), 1.5],
    ['Expected a number', z.number(), 'x'],
    ['Missing', z.object({ a: z.string() }), {}],
    ['At most 3 characters', z.string().max(3), 'abcd'],
    ['Cannot be empty', z.string().min(1), ''],
    ['At most 2 entries', z.array(z.string()).max(2), ['a', 'b', 'c']],
    ['One of "tcp", "udp"', z.enum(['tcp', 'udp']), 'x'],
    ['Unknown fields "a", "b", "c" and 1 more', z.object({}).strict(), { a: 1, b: 2, c: 3, d: 4 }],
    ['Not in the expected form', z.string().regex(/^x$/), 'y'],
  ] as const)('%s', (words, schema, value) => {
    expect(messages(schema, value)).toEqual([words]);
  });

  it("keep a schema's own sentence", () => {
    expect(messages(z.string().regex(/^\//, 'A path starting with /'), 'tmp')).toEqual([
      'A path starting with /',
    ]);
  });
});

describe('problemsByField', () => {
  it('puts each problem under the field its path belongs to, saying where below it', () => {
    const checked = check(runSpec, {
      ...emptyRunSpec(),
      image: 'busybox',
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 70000 }],
      restart: { name: 'on-failure', maxRetries: 5000 },
      cpuShares: 1,
    });
    const fields = { ports: 'Ports', restart: 'Policy', 'restart.maxRetries': 'Retries' } as const;
    expect(problemsByField(checked.error!, fields, 'Other')).toEqual({
      Ports: ['Entry 1, "hostPort": At most 65535'],
      Retries: ['At most 1000'],
      Other: ['"cpuShares": At least 2'],
    });
  });
});

describe('describeProblems', () => {
  const labels = { 'restart.maxRetries': 'Max retries', labels: 'Labels' };

  it('names each place as the form does', () => {
    expect(placeOf(['restart', 'maxRetries'], labels)).toBe('Max retries');
    expect(placeOf(['labels', 'a b'], labels)).toBe('Labels, "a b"');
    expect(placeOf(['ports', 2, 'hostPort'], labels)).toBe('"ports", entry 3, "hostPort"');
  });

  it('reads only the first three issues, however many there are, and counts the rest', () => {
    const issues = Array.from({ length: 95_000 }, (_, i) => ({
      code: 'custom' as const,
      path: ['labels', `label ${i}`],
      message: 'A label name is not empty and has no spaces',
      input: undefined,
    }));
    const read = new Set<number>();
    const watched = new Proxy(issues, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) read.add(Number(key));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const text = describeProblems(watched, (path) => placeOf(path, labels));
    expect([...read].sort()).toEqual([0, 1, 2]);
    expect(text).toBe(
      [0, 1, 2]
        .map((i) => `Labels, "label ${i}": A label name is not empty and has no spaces`)
        .concat('and 94997 more problems')
        .join('; '),
    );
  });

  it('truncates what it quotes, so a huge key or message stays short', () => {
    const key = 'k'.repeat(1_000_000);
    const text = describeProblems(
      [{ code: 'custom', path: ['labels', key], message: 'x'.repeat(1_000_000), input: undefined }],
      (path) => placeOf(path, labels),
    );
    expect(text.length).toBeLessThan(300);
  });
});

describe('list sizes in the run spec', () => {
  const spec = { ...emptyRunSpec(), image: 'busybox' };
  const labels = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));

  it('take as many labels as anyone writes, and refuse more with one problem', () => {
    expect(check(runSpec, { ...spec, labels: labels(MAX_ENTRIES) }).success).toBe(true);
    expect(messages(runSpec, { ...spec, labels: labels(95_000) })).toEqual([
      `At most ${MAX_ENTRIES} entries`,
    ]);
  });

  it.each(['env', 'ports', 'volumes', 'links', 'command'] as const)(
    'refuse a huge %s list with one problem, not one per entry',
    (field) => {
      expect(messages(runSpec, { ...spec, [field]: Array(95_000).fill(7) })).toHaveLength(1);
    },
  );

  it('refuse a label name with spaces and one too long', () => {
    expect(messages(runSpec, { ...spec, labels: { 'a b': '', ['k'.repeat(1025)]: '' } })).toEqual([
      'A label name is not empty and has no spaces',
      'At most 1024 characters',
    ]);
  });
});
