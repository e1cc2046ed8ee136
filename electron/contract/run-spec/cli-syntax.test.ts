// The docker CLI reads --mount, -v and --network a second time, after the
// shell. These tests read the arguments Berth writes with a model of the
// CLI's readers (docker/cli opts/mount.go and opts/network.go on Go's
// encoding/csv, cli/compose/loader ParseVolume); the engine suite
// test/engine/shown-command-quoting.test.ts checks the same with the real CLI.
import { describe, expect, it } from 'vitest';
import { cliProblems, csvField } from './cli-syntax.ts';
import { runCommandArgs, runCommandLine } from './run-command.ts';
import { emptyRunSpec, recreateChanges, runSpec, type RunSpec, type VolumeSpec } from './spec.ts';

/** One record, as Go's csv.Reader reads it with its defaults (no lazy quotes, no trimming). */
function readCsvRecord(input: string): string[] {
  // The reader turns every \r\n into \n, and drops a \r at the very end.
  const text = input.replace(/\r\n/g, '\n').replace(/\r$/, '');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('extraneous or missing " in quoted-field');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        field += text[i];
      }
      i++;
      if (i < text.length && text[i] !== ',' && text[i] !== '\n') {
        throw new Error('extraneous or missing " in quoted-field');
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n') field += text[i++];
      if (field.includes('"')) throw new Error('bare " in non-quoted-field');
    }
    fields.push(field);
    if (text[i] !== ',') return fields; // end of the record: a newline or the end of the text
    i++;
  }
}

const GO_SPACE = /^[\s\u0085]+|[\s\u0085]+$/g;

/** `--mount` as the CLI reads it (the newest rules: whitespace at a value's ends is refused). */
function readMount(value: string) {
  const mount = { type: 'volume', source: '', target: '', readOnly: false, relative: false };
  for (const field of readCsvRecord(value.replace(GO_SPACE, ''))) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq >= 0 && val.replace(GO_SPACE, '') !== val) throw new Error('value with whitespace');
    if (eq >= 0 && val === '') throw new Error('value is empty');
    if (key === 'type') mount.type = val.toLowerCase();
    else if (key === 'source' || key === 'src') {
      mount.source = val;
      mount.relative = !val.startsWith('/') && val.startsWith('.');
    } else if (key === 'target' || key === 'dst' || key === 'destination') mount.target = val;
    else if (key === 'readonly' || key === 'ro') mount.readOnly = eq < 0 || val === 'true';
    else throw new Error(`unknown option '${key}'`);
  }
  return mount;
}

/** `-v` as the CLI and the engine read it: colons split, a one-letter first part is a drive. */
function readVolumeFlag(value: string) {
  const parts = value.split(':');
  if (/^[a-zA-Z]$/.test(parts[0]!) && parts.length > 1)
    parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length === 1) return { type: 'volume', source: '', target: parts[0], readOnly: false };
  const [source, target, mode] = parts;
  if (parts.length > 3 || (mode !== undefined && !/^(ro|rw)$/.test(mode))) {
    throw new Error(`invalid mode: ${mode}`);
  }
  const type = /^[/.~]/.test(source!) ? 'bind' : 'volume';
  return { type, source, target, readOnly: mode === 'ro' };
}

/** What the CLI makes of the volume arguments of a run line. */
function mountsOf(args: string[]) {
  const mounts = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--mount') mounts.push(readMount(args[++i]!));
    else if (args[i] === '-v') mounts.push({ ...readVolumeFlag(args[++i]!), relative: false });
  }
  return mounts;
}

const expected = (v: VolumeSpec) => ({
  type: v.type === 'bind' ? 'bind' : 'volume',
  source: v.type === 'anonymous' ? '' : v.source,
  target: v.target,
  readOnly: v.readOnly,
  relative: false,
});

const withVolumes = (volumes: VolumeSpec[]): RunSpec => ({
  ...emptyRunSpec(),
  image: 'busybox',
  volumes,
});

describe('--mount', () => {
  it('quotes a bind source with a comma, so it cannot add a second source=/', () => {
    const spec = withVolumes([
      { type: 'bind', source: '/tmp/x,source=/', target: '/x', readOnly: false },
    ]);
    const args = runCommandArgs(spec);
    expect(args).toContain('type=bind,"source=/tmp/x,source=/",target=/x');
    expect(mountsOf(args)).toEqual([expected(spec.volumes[0]!)]);
  });

  it('reads back every hostile path exactly', () => {
    const paths = [
      '/tmp/x,source=/',
      '/tmp/a,b',
      '/tmp/q"uote',
      '/tmp/""',
      '/tmp/"start',
      "/tmp/it's",
      '/tmp/a=b',
      '/tmp/target=/etc',
      '/tmp/new\nline',
      '/tmp/in side',
      '/tmp/$(id)',
      '/tmp/ünï 🙂',
      '/tmp/\u202eevil',
      '/tmp/x,readonly',
      'C:\\Users\\ana\\site',
    ];
    const volumes: VolumeSpec[] = paths.flatMap((path): VolumeSpec[] => [
      { type: 'bind', source: path, target: '/in', readOnly: true },
      { type: 'bind', source: '/src', target: path.replace(/^C:/, '/c'), readOnly: false },
      { type: 'volume', source: 'data', target: path.replace(/^C:/, '/c'), readOnly: false },
      { type: 'anonymous', target: path.replace(/^C:/, '/c'), readOnly: false },
    ]);
    const spec = withVolumes(volumes);
    expect(runSpec.safeParse(spec).success).toBe(true);
    expect(mountsOf(runCommandArgs(spec))).toEqual(volumes.map(expected));
  });

  it('writes volumes as -v where -v reads them back, and as --mount where it would not', () => {
    const args = (v: VolumeSpec) => runCommandArgs(withVolumes([v])).slice(3, 5);
    expect(args({ type: 'volume', source: 'data', target: '/data', readOnly: true })).toEqual([
      '-v',
      'data:/data:ro',
    ]);
    expect(args({ type: 'anonymous', target: '/cache', readOnly: false })).toEqual([
      '-v',
      '/cache',
    ]);
    // -v /a:/b would bind the host's /a; -v c:/x would be a Windows drive; -v data:/a:ro is read-only.
    expect(args({ type: 'anonymous', target: '/a:/b', readOnly: false })).toEqual([
      '--mount',
      'type=volume,target=/a:/b',
    ]);
    expect(args({ type: 'volume', source: 'c', target: '/x', readOnly: false })).toEqual([
      '--mount',
      'type=volume,source=c,target=/x',
    ]);
    expect(args({ type: 'volume', source: 'data', target: '/a:ro', readOnly: false })).toEqual([
      '--mount',
      'type=volume,source=data,target=/a:ro',
    ]);
    expect(args({ type: 'volume', source: '/etc', target: '/x', readOnly: false })).toEqual([
      '--mount',
      'type=volume,source=/etc,target=/x',
    ]);
  });

  it('writes fields as Go writes CSV', () => {
    expect(csvField('source=/a,b')).toBe('"source=/a,b"');
    expect(csvField('source=/a"b')).toBe('"source=/a""b"');
    expect(csvField('source=/a\nb')).toBe('"source=/a\nb"');
    expect(csvField(' x')).toBe('" x"');
    expect(csvField('source=/a=b')).toBe('source=/a=b');
  });
});

describe('--network', () => {
  it('writes a name that looks like key=value in the long form', () => {
    const args = runCommandArgs({ ...emptyRunSpec(), image: 'busybox', network: 'name=host' });
    expect(args.slice(3, 5)).toEqual(['--network', 'name=name=host']);
    const commaArgs = runCommandArgs({ ...emptyRunSpec(), image: 'busybox', network: 'a,b=c' });
    expect(commaArgs.slice(3, 5)).toEqual(['--network', '"name=a,b=c"']);
    expect(readCsvRecord('"name=a,b=c"')).toEqual(['name=a,b=c']);
    const plain = runCommandArgs({ ...emptyRunSpec(), image: 'busybox', network: 'a,b' });
    expect(plain.slice(3, 5)).toEqual(['--network', 'a,b']);
  });
});

describe('values no docker run line can carry', () => {
  const base = { ...emptyRunSpec(), image: 'busybox' };
  const refused: [string, RunSpec, (string | number)[]][] = [
    ['an env entry without =', { ...base, env: ['HOME'] }, ['env', 0]],
    ['an env entry without a name', { ...base, env: ['=x'] }, ['env', 0]],
    ['a label name with =', { ...base, labels: { 'a=b': 'c' } }, ['labels']],
    [
      'a host IP that is not an address',
      { ...base, ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '1.2.3.4/udp' }] },
      ['ports', 0, 'hostIp'],
    ],
    [
      'a path ending with a space',
      { ...base, volumes: [{ type: 'bind', source: '/tmp/x ', target: '/x', readOnly: false }] },
      ['volumes', 0],
    ],
    [
      'a path starting with a no-break space',
      { ...base, volumes: [{ type: 'anonymous', target: '\u00a0/x', readOnly: false }] },
      ['volumes', 0],
    ],
    [
      'a path with CR LF, which Go reads as LF',
      {
        ...base,
        volumes: [{ type: 'bind', source: '/tmp/a\r\nb', target: '/x', readOnly: false }],
      },
      ['volumes', 0],
    ],
    [
      'a relative folder, which the CLI would take from its own folder',
      { ...base, volumes: [{ type: 'bind', source: './site', target: '/x', readOnly: false }] },
      ['volumes', 0],
    ],
    ['a NUL character', { ...base, command: ['a\0b'] }, ['command', 0]],
    ['a network read in lower case', { ...base, network: 'Name=Host' }, ['network']],
  ];

  it.each(refused)('refuses %s, in the schema and in the shown command', (_what, spec, path) => {
    expect(cliProblems(spec).map((p) => p.path)).toEqual([path]);
    const parsed = runSpec.safeParse(spec);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path)).toContainEqual(path);
    for (const shell of ['posix', 'powershell'] as const) {
      const line = runCommandLine(spec, shell);
      expect(line).toMatch(/^# No docker command: '[^'\r\n]+'$/);
    }
    expect(() => runCommandArgs(spec)).toThrow();
  });

  it('refuses the same in re-create changes', () => {
    expect(recreateChanges.safeParse({ env: ['HOME'] }).success).toBe(false);
    expect(recreateChanges.safeParse({ env: ['HOME=/root'] }).success).toBe(true);
  });
});
