import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VmSharedFolder } from '../../contract/settings-channels.ts';
import { MAX_SHARES, resolveVmShares, vmBindSource, windowsMountPath } from './vm-shares.ts';

const folders = new Set([
  '/home/me',
  '/home/me/code',
  '/srv/data',
  '/tmp/with space',
  '/var/www',
  '/tmp/a,b',
]);
const isFolder = (f: string) => folders.has(f.replace(/(.)\/+$/, '$1'));
const resolve = (env: Record<string, string>, configured?: VmSharedFolder[] | null) =>
  resolveVmShares({ env, homeDir: '/home/me', configured, isFolder });

describe('resolveVmShares', () => {
  it('shares the home folder by default', () => {
    expect(resolve({})).toEqual({ shares: ['/home/me'], smbShares: [], skipped: [] });
    expect(resolve({}, null)).toEqual({ shares: ['/home/me'], smbShares: [], skipped: [] });
  });

  it('takes the settings’ folders instead, and BERTH_VM_SHARES over both (empty: none)', () => {
    expect(resolve({}, ['/srv/data'])).toEqual({
      shares: ['/srv/data'],
      smbShares: [],
      skipped: [],
    });
    expect(
      resolve({ BERTH_VM_SHARES: ['/tmp/with space', '/var/www'].join(path.delimiter) }, [
        '/srv/data',
      ]),
    ).toEqual({
      shares: ['/tmp/with space', '/var/www'],
      smbShares: [],
      skipped: [],
    });
    expect(resolve({ BERTH_VM_SHARES: '' })).toEqual({ shares: [], smbShares: [], skipped: [] });
  });

  it('keeps a comma in a name (QEMU’s args double it) and drops trailing slashes and duplicates', () => {
    expect(resolve({}, ['/tmp/a,b', '/srv/data/', '/srv/data'])).toEqual({
      shares: ['/srv/data', '/tmp/a,b'],
      smbShares: [],
      skipped: [],
    });
  });

  it('skips a folder inside another shared one: the parent already shows it', () => {
    expect(resolve({}, ['/home/me/code', '/home/me'])).toEqual({
      shares: ['/home/me'],
      smbShares: [],
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

  it('shares a folder over SMB from QEMU’s own server when asked (smb= in BERTH_VM_SHARES, or transport)', () => {
    const qemuSmb = { server: '10.0.2.4', share: 'qemu' };
    expect(resolve({ BERTH_VM_SHARES: '/srv/data:smb=/tmp/with space' })).toEqual({
      shares: ['/srv/data'],
      smbShares: [{ folder: '/tmp/with space', mountPath: '/tmp/with space', ...qemuSmb }],
      skipped: [],
    });
    expect(
      resolve({}, [{ folder: '/srv/data/', transport: 'smb' }, { folder: '/var/www' }]),
    ).toEqual({
      shares: ['/var/www'],
      smbShares: [{ folder: '/srv/data', mountPath: '/srv/data', ...qemuSmb }],
      skipped: [],
    });
  });

  it('serves one folder over SMB on Linux and macOS (QEMU’s smb= takes one), refusing the guest’s own folders there too', () => {
    const { smbShares, skipped } = resolve({
      BERTH_VM_SHARES: 'smb=/srv/data:smb=/var/www:smb=/etc',
    });

    expect(smbShares.map((s) => s.folder)).toEqual(['/srv/data']);
    expect(skipped).toEqual([
      { folder: '/etc', reason: 'the VM needs its own /etc: it cannot be shared' },
      { folder: '/var/www', reason: expect.stringContaining('QEMU serves one folder over SMB') },
    ]);
  });

  describe('on Windows', () => {
    const winFolders = new Set(['C:\\Users', 'D:\\work\\my app', 'C:\\Users\\me']);
    const win = (
      env: Record<string, string>,
      configured?: Parameters<typeof resolveVmShares>[0]['configured'],
    ) =>
      resolveVmShares({
        env,
        homeDir: 'C:\\Users\\me',
        configured,
        // Windows' file names ignore case.
        isFolder: (f) => [...winFolders].some((w) => w.toLowerCase() === f.toLowerCase()),
        os: 'win32',
      });

    it('mounts the user’s Windows shares from the host (10.0.2.2) at Docker Toolbox’s paths', () => {
      expect(win({}, ['C:\\Users', { folder: 'D:\\work\\my app', share: 'work' }])).toEqual({
        shares: [],
        smbShares: [
          { folder: 'C:\\Users', mountPath: '/c/Users', server: '10.0.2.2', share: 'Users' },
          {
            folder: 'D:\\work\\my app',
            mountPath: '/d/work/my app',
            server: '10.0.2.2',
            share: 'work',
          },
        ],
        skipped: [],
      });
      // The home folder by default, under its own name; BERTH_VM_SHARES splits at `;` there.
      expect(win({}).smbShares).toEqual([
        { folder: 'C:\\Users\\me', mountPath: '/c/Users/me', server: '10.0.2.2', share: 'me' },
      ]);
      expect(
        win({ BERTH_VM_SHARES: 'C:\\Users;D:\\work\\my app' }).smbShares.map((s) => s.mountPath),
      ).toEqual(['/c/Users', '/d/work/my app']);
    });

    it('refuses 9p, paths off a drive, and a folder inside another one (in any case)', () => {
      const { smbShares, skipped } = win({}, [
        { folder: 'D:\\work\\my app', transport: '9p' },
        '/home/me',
        '\\\\server\\share',
        'c:\\users\\me',
        'C:\\Users',
        'E:\\missing',
      ]);

      expect(smbShares.map((s) => s.folder)).toEqual(['C:\\Users']);
      expect(skipped).toEqual([
        { folder: 'D:\\work\\my app', reason: expect.stringContaining('has no 9p') },
        { folder: '/home/me', reason: 'it is not a folder on a drive (such as C:\\Users)' },
        {
          folder: '\\\\server\\share',
          reason: 'it is not a folder on a drive (such as C:\\Users)',
        },
        { folder: 'E:\\missing', reason: 'it is not a folder on this computer' },
        { folder: 'c:\\users\\me', reason: 'it is inside C:\\Users, which is shared already' },
      ]);
    });
  });
});

describe('Windows paths in the VM', () => {
  it('puts a drive’s folder under /<drive letter>, as Docker Toolbox did', () => {
    expect(windowsMountPath('C:\\Users')).toBe('/c/Users');
    expect(windowsMountPath('C:\\Users\\me\\my project\\')).toBe('/c/Users/me/my project');
    expect(windowsMountPath('d:/work/./app')).toBe('/d/work/app');
    expect(windowsMountPath('E:\\')).toBe('/e');
  });

  it('translates a bind mount’s Windows source for the VM on Windows only', () => {
    expect(vmBindSource('C:\\Users\\me\\project', 'win32')).toBe('/c/Users/me/project');
    expect(vmBindSource('/c/Users/me/project', 'win32')).toBe('/c/Users/me/project');
    expect(vmBindSource('my-volume', 'win32')).toBe('my-volume');
    expect(vmBindSource('C:\\Users\\me', 'linux')).toBe('C:\\Users\\me');
  });
});
