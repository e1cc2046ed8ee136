import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SHARES, resolveVmShares } from './vm-shares.ts';

const folders = new Set([
  '/home/me',
  '/home/me/code',
  '/srv/data',
  '/tmp/with space',
  '/var/www',
  '/tmp/a,b',
]);
const isFolder = (f: string) => folders.has(f.replace(/(.)\/+$/, '$1'));
const resolve = (env: Record<string, string>, configured?: string[] | null) =>
  resolveVmShares({ env, homeDir: '/home/me', configured, isFolder });

describe('resolveVmShares', () => {
  it('shares the home folder by default', () => {
    expect(resolve({})).toEqual({ shares: ['/home/me'], skipped: [] });
    expect(resolve({}, null)).toEqual({ shares: ['/home/me'], skipped: [] });
  });

  it('takes the settings’ folders instead, and BERTH_VM_SHARES over both (empty: none)', () => {
    expect(resolve({}, ['/srv/data'])).toEqual({ shares: ['/srv/data'], skipped: [] });
    expect(
      resolve({ BERTH_VM_SHARES: ['/tmp/with space', '/var/www'].join(path.delimiter) }, [
        '/srv/data',
      ]),
    ).toEqual({
      shares: ['/tmp/with space', '/var/www'],
      skipped: [],
    });
    expect(resolve({ BERTH_VM_SHARES: '' })).toEqual({ shares: [], skipped: [] });
  });

  it('keeps a comma in a name (QEMU’s args double it) and drops trailing slashes and duplicates', () => {
    expect(resolve({}, ['/tmp/a,b', '/srv/data/', '/srv/data'])).toEqual({
      shares: ['/srv/data', '/tmp/a,b'],
      skipped: [],
    });
  });

  it('skips a folder inside another shared one: the parent already shows it', () => {
    expect(resolve({}, ['/home/me/code', '/home/me'])).toEqual({
      shares: ['/home/me'],
      skipped: [
        { folder: '/home/me/code', reason: 'it is inside /home/me, which is shared already' },
      ],
    });
  });

  it('refuses relative paths, missing folders, names the guest cannot read, and the guest’s own folders', () => {
    const { shares, skipped } = resolve({}, [
      'code',
      'C:\\Users\\me',
      '/home/nobody',
      '/home/me\tx',
      '/',
      '/var',
      '/usr/local',
      '/var/lib/docker',
      '/etc',
      '/srv/data',
    ]);

    expect(shares).toEqual(['/srv/data']);
    expect(skipped).toEqual([
      { folder: 'code', reason: 'it is not an absolute path' },
      { folder: 'C:\\Users\\me', reason: 'it is not an absolute path' },
      { folder: '/home/nobody', reason: 'it is not a folder on this computer' },
      { folder: '/home/me\tx', reason: 'its name holds a tab, a line break or a NUL' },
      { folder: '/', reason: expect.stringContaining('the VM needs its own /') },
      { folder: '/var', reason: expect.stringContaining('the VM needs its own /var') },
      { folder: '/usr/local', reason: 'the VM needs its own /usr: it cannot be shared' },
      {
        folder: '/var/lib/docker',
        reason: 'the VM needs its own /var/lib/docker: it cannot be shared',
      },
      { folder: '/etc', reason: 'the VM needs its own /etc: it cannot be shared' },
    ]);
  });

  it(`shares at most ${MAX_SHARES} folders, saying which were left out`, () => {
    const many = Array.from(
      { length: MAX_SHARES + 2 },
      (_, i) => `/m/${String(i).padStart(2, '0')}`,
    );
    const { shares, skipped } = resolveVmShares({
      env: {},
      homeDir: '/h',
      configured: many,
      isFolder: () => true,
    });

    expect(shares).toEqual(many.slice(0, MAX_SHARES));
    expect(skipped.map((s) => s.folder)).toEqual(many.slice(MAX_SHARES));
    expect(skipped[0]?.reason).toContain(`at most ${MAX_SHARES} folders`);
  });
});
