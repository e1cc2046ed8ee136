import { describe, expect, it } from 'vitest';
import { quotePosix } from '../../../../electron/contract/run-spec/run-command.ts';
import { layerCommandLines } from './layer-commands.ts';

// quotePosix is checked against real shells (shell-roundtrip.test.ts); these
// check that every untrusted name goes through it, and that `--` ends tar's options.
const hostileImage = "evil'$(touch /tmp/pwned)`id`:tag";
const hostileMember = '-rf x/\n$(id) \' "; layer.tar';

describe('the shown layer commands', () => {
  it('lists the archive, then the layer inside it, for a POSIX shell', () => {
    const text = layerCommandLines('web:1', 'abc/layer.tar', 'posix', {});
    expect(text.split('\n')).toEqual([
      'docker save web:1 | tar -t',
      'docker save web:1 | tar -xOf - -- abc/layer.tar | tar -tv',
    ]);
  });

  it('shows only the archive listing when the layer path is not known', () => {
    expect(layerCommandLines('web:1', undefined, 'posix', {})).toBe('docker save web:1 | tar -t');
  });

  it('quotes hostile names whole, and ends tar options before the member', () => {
    const text = layerCommandLines(hostileImage, hostileMember, 'posix', { host: 'unix:///x y' });
    const save = `docker -H 'unix:///x y' save ${quotePosix(hostileImage)}`;
    expect(text).toBe(
      `${save} | tar -t\n${save} | tar -xOf - -- ${quotePosix(hostileMember)} | tar -tv`,
    );
    expect(quotePosix(hostileMember)).not.toBe(hostileMember);
  });

  it('goes through a file in PowerShell, whose pipes may turn bytes into text', () => {
    expect(layerCommandLines('web:1', 'abc/layer.tar', 'powershell', {}).split('\n')).toEqual([
      'docker save -o image.tar web:1',
      'tar -tf image.tar',
      'tar -xf image.tar -- abc/layer.tar',
      'tar -tvf abc/layer.tar',
    ]);
  });
});
