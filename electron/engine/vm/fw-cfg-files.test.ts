import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  smbCredentialsFile,
  smbCredentialsProblem,
  smbFwCfgText,
  writeFwCfgFiles,
} from './fw-cfg-files.ts';
import { vmLayout, type VmLayout } from './vm-layout.ts';

const tls = {
  ca: '/t/ca.pem',
  serverCert: '/t/cert.pem',
  serverKey: '/t/key.pem',
  clientDir: '/t/c',
};
const windowsShare = {
  folder: 'C:\\Users',
  mountPath: '/c/Users',
  server: '10.0.2.2',
  share: 'Users',
};

let dir = '';
let layout: VmLayout;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-fwcfg-'));
  layout = vmLayout(dir);
  await mkdir(layout.vmDir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('fw_cfg files', () => {
  it('names the TLS material, the API port, each 9p path and each SMB share', async () => {
    const files = await writeFwCfgFiles(layout, tls, ['/home/me'], [windowsShare]);

    expect(Object.keys(files)).toEqual([
      'opt/berth/tls/ca.pem',
      'opt/berth/tls/server-cert.pem',
      'opt/berth/tls/server-key.pem',
      'opt/berth/host-api-port',
      'opt/berth/share0',
      'opt/berth/smb0',
    ]);
    expect(await readFile(files['opt/berth/share0']!, 'utf8')).toBe('/home/me');
    expect(await readFile(files['opt/berth/smb0']!, 'utf8')).toBe(
      'server=10.0.2.2\nshare=Users\npath=/c/Users\n',
    );
  });

  it('hands the guest the SMB login when the user keeps one, and only with SMB shares', async () => {
    await writeFile(smbCredentialsFile(layout), 'username=me\npassword=s3cret pass\n', {
      mode: 0o600,
    });

    const files = await writeFwCfgFiles(layout, tls, [], [windowsShare]);
    expect(files['opt/berth/smb-credentials']).toBe(smbCredentialsFile(layout));
    expect(await writeFwCfgFiles(layout, tls, ['/home/me'])).not.toHaveProperty(
      'opt/berth/smb-credentials',
    );
  });

  it('refuses a login the guest could not pass on, naming the file', async () => {
    await writeFile(smbCredentialsFile(layout), 'username=me\npassword=a,b\n');

    await expect(writeFwCfgFiles(layout, tls, [], [windowsShare])).rejects.toThrow(
      /SMB login in .*smb-credentials cannot be used: a comma/,
    );
  });

  it('says what is wrong with a credentials file', () => {
    expect(smbCredentialsProblem('username=me\r\npassword=x\ndomain=HOME\n')).toBeNull();
    expect(smbCredentialsProblem('password=x\n')).toBe('it names no user (username=NAME)');
    expect(smbCredentialsProblem('user=me\n')).toContain('not username=, password= or domain=');
    expect(smbCredentialsProblem('username=me\npassword=a,b')).toContain('a comma');
    expect(smbFwCfgText({ ...windowsShare, mountPath: '/c/Users/my app' })).toContain(
      'path=/c/Users/my app\n',
    );
  });
});
