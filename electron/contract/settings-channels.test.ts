import { describe, expect, it } from 'vitest';
import { settingFields, vmSharedFolder } from './settings-channels.ts';

const ok = (value: unknown) => vmSharedFolder.safeParse(value).success;
const why = (value: unknown) => vmSharedFolder.safeParse(value).error?.issues[0]?.message ?? '';

describe('vmSharedFolders in settings', () => {
  it('takes absolute folders, posix or on a Windows drive, as paths or with a transport and share name', () => {
    expect(
      settingFields.vmSharedFolders.parse([
        '/Users/me/code',
        'C:\\Users\\me',
        { folder: '/srv/my data', transport: 'smb' },
        { folder: 'D:/work', transport: 'smb', share: 'work files' },
      ]),
    ).toHaveLength(4);
    expect(settingFields.vmSharedFolders.parse(undefined)).toBeNull();
  });

  it('refuses relative paths, line breaks, NULs and tabs, unknown transports and keys, and bad share names', () => {
    expect(why('code')).toContain('an absolute path');
    expect(why('\\\\server\\share')).toContain('an absolute path');
    expect(why('/home/me\nrm')).toContain('no tab, line break or NUL');
    expect(ok('/home/me\0x')).toBe(false);
    expect(ok('/home/me\tx')).toBe(false);
    expect(ok({ folder: '/home/me', transport: 'nfs' })).toBe(false);
    expect(ok({ folder: '/home/me', readOnly: true })).toBe(false);
    expect(ok({ folder: 'C:\\x', share: 'a,b' })).toBe(false);
    expect(ok({ folder: 'C:\\x', share: 'a\u0001b' })).toBe(false);
    expect(ok({ folder: 'C:\\x', share: 'x'.repeat(81) })).toBe(false);
    expect(ok('')).toBe(false);
  });
});
