import { describe, expect, it } from 'vitest';
import { embeddedEngineKind } from './embedded-engine.ts';

describe('the embedded engine for each platform', () => {
  it('runs a native dockerd on Linux unless the VM is asked for', () => {
    expect(embeddedEngineKind('linux', 'auto')).toBe('native');
    expect(embeddedEngineKind('linux', 'managed')).toBe('native');
    expect(embeddedEngineKind('linux', 'vm')).toBe('vm');
  });

  it('runs the Linux VM on macOS and Windows, whatever the mode', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(embeddedEngineKind(platform, 'auto')).toBe('vm');
      expect(embeddedEngineKind(platform, 'managed')).toBe('vm');
    }
  });

  it('runs none where neither can (FreeBSD)', () => {
    expect(embeddedEngineKind('freebsd', 'auto')).toBeNull();
  });
});
