// Which engine Berth runs itself when it runs one: a private dockerd on Linux
// (or, asked with `--engine vm`, the Linux VM there too), and the Linux VM on
// macOS and Windows, where dockerd cannot run natively. Elsewhere none.

export type EmbeddedKind = 'native' | 'vm';

export function embeddedEngineKind(platform: NodeJS.Platform, mode: string): EmbeddedKind | null {
  switch (platform) {
    case 'linux':
      return mode === 'vm' ? 'vm' : 'native';
    case 'darwin':
    case 'win32':
      return 'vm';
    default:
      return null;
  }
}
