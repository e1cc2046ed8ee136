// `npm run -s vm-image [-- --arch arm64] [-- --copy-to DIR]`: builds the VM
// image or reuses the cached one (see scripts/vm-image/ensure.ts), then prints
// its folder; --copy-to also copies it where packaging expects it
// (.tmp/vm-image, which electron-builder.yml ships as resources/vm/).
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureVmImage, imageFiles } from './vm-image/ensure.ts';
import type { VmArch } from './vm-image/key.ts';

function parse(argv: string[]): { arch: VmArch; copyTo?: string } {
  let arch: VmArch = 'amd64';
  let copyTo: string | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const value = argv[i + 1];
    if (argv[i] === '--arch' && (value === 'amd64' || value === 'arm64')) arch = value;
    else if (argv[i] === '--copy-to' && value) copyTo = value;
    else throw new Error(`Usage: vm-image [--arch amd64|arm64] [--copy-to DIR] (not ${argv[i]})`);
    i += 1;
  }
  return { arch, copyTo };
}

try {
  const { arch, copyTo } = parse(process.argv.slice(2));
  const folder = await ensureVmImage({ arch });
  if (copyTo) {
    rmSync(copyTo, { recursive: true, force: true });
    mkdirSync(copyTo, { recursive: true });
    for (const name of imageFiles) cpSync(join(folder, name), join(copyTo, name));
  }
  console.log(copyTo ?? folder);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
