import { describe, expect, it } from 'vitest';
import { emptyRunSpec, runSpec } from '../../../../electron/contract/run-spec/spec.ts';
import { check } from '../../../../electron/contract/schema-problems.ts';
import { bindLineFor, initialForm, specFromForm } from './form.ts';

describe('specFromForm', () => {
  it('turns filled fields into a spec the contract accepts', () => {
    const { spec, errors } = specFromForm({
      ...initialForm('nginx:1.27'),
      name: 'web',
      command: 'nginx -g "daemon off;"',
      ports: '8080:80',
      environment: 'A=1',
      volumes: 'data:/data',
      restartPolicy: 'on-failure',
      maxRetries: '3',
      memoryLimit: '256m',
      cpuShares: '512',
      user: 'nobody',
      labels: 'tier=front',
      links: 'db\ncache:redis',
    });
    expect(errors).toEqual({});
    expect(spec).toMatchObject({
      image: 'nginx:1.27',
      name: 'web',
      command: ['nginx', '-g', 'daemon off;'],
      ports: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
      restart: { name: 'on-failure', maxRetries: 3 },
      memoryBytes: 256 * 1024 * 1024,
      labels: { tier: 'front' },
      links: ['db:db', 'cache:redis'],
    });
    expect(runSpec.safeParse(spec).success).toBe(true);
  });

  it('puts each problem beside its field, and makes no spec', () => {
    const { spec, errors } = specFromForm({
      ...initialForm('UPPER:case'),
      name: 'a b',
      ports: '70000:80',
      environment: 'NOEQUALS',
      memoryLimit: 'lots',
      links: 'a:b:c',
      autoRemove: true,
      restartPolicy: 'always',
    });
    expect(spec).toBeNull();
    expect(Object.keys(errors).sort()).toEqual([
      'environment',
      'image',
      'links',
      'memoryLimit',
      'name',
      'ports',
      'restartPolicy',
    ]);
    expect(errors.ports).toEqual(['Line 1: host port 70000 is outside 1-65535']);
  });

  it("puts the schema's own problem for max retries 5000 beside Max retries", () => {
    const { spec, errors } = specFromForm({
      ...initialForm('busybox'),
      restartPolicy: 'on-failure',
      maxRetries: '5000',
    });
    const server = check(runSpec, {
      ...emptyRunSpec(),
      image: 'busybox',
      restart: { name: 'on-failure', maxRetries: 5000 },
    });
    expect(server.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['restart', 'maxRetries'], 'At most 1000'],
    ]);
    expect(spec).toBeNull();
    expect(errors).toEqual({ maxRetries: ['At most 1000'] });
  });

  // Each field's value, as typed and as the spec holds it: the form's problem must be
  // word for word what the server's schema says about that spec field.
  it.each([
    ['image', {}, { image: '' }],
    ['name', { name: 'a b' }, { name: 'a b' }],
    [
      'maxRetries',
      { restartPolicy: 'on-failure', maxRetries: '-1' },
      { restart: { name: 'on-failure', maxRetries: -1 } },
    ],
    [
      'maxRetries',
      { restartPolicy: 'on-failure', maxRetries: '1.5' },
      { restart: { name: 'on-failure', maxRetries: 1.5 } },
    ],
    ['memoryLimit', { memoryLimit: '1k' }, { memoryBytes: 1024 }],
    ['cpuShares', { cpuShares: '1' }, { cpuShares: 1 }],
    ['cpuShares', { cpuShares: '300000' }, { cpuShares: 300000 }],
    ['cpuset', { cpuset: 'all' }, { cpuset: 'all' }],
    ['workdir', { workdir: 'tmp' }, { workdir: 'tmp' }],
    [
      'restartPolicy',
      { autoRemove: true, restartPolicy: 'always' },
      { autoRemove: true, restart: { name: 'always' } },
    ],
  ] as const)('says what the schema says about %s (%j)', (field, typed, held) => {
    const server = check(runSpec, { ...emptyRunSpec(), image: 'busybox', ...held });
    expect(server.success).toBe(false);
    const { errors } = specFromForm({
      ...initialForm(field === 'image' ? '' : 'busybox'),
      ...typed,
    });
    expect(errors).toEqual({ [field]: server.error?.issues.map((i) => i.message) });
  });

  it('asks for an image first', () => {
    expect(specFromForm(initialForm()).errors.image).toEqual([
      'Give an image, like busybox or nginx:1.27',
    ]);
  });
});

describe('bindLineFor', () => {
  it('mounts a picked folder at /<its name>, on any system', () => {
    expect(bindLineFor('/home/ana/my-site')).toBe('/home/ana/my-site:/my-site');
    expect(bindLineFor('C:\\Users\\ana\\site')).toBe('C:\\Users\\ana\\site:/site');
    expect(bindLineFor('/home/ana/Mes documents')).toBe('/home/ana/Mes documents:/data');
    expect(bindLineFor('/')).toBe('/:/data');
  });
});
