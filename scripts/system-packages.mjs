// What the app and its tests need from the operating system, and how to get it
// on Debian/Ubuntu. Used by `npm start` (engine only) and `npm test` (all).
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { delimiter, join } from 'node:path';

export function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

/** Each requirement: a check, the Debian package that fills it, and why it is needed. */
export const requirements = {
  dockerd: {
    ok: () => which('dockerd') !== null,
    pkg: 'docker.io',
    why: 'the managed engine (dockerd)',
  },
  docker: {
    ok: () => which('docker') !== null,
    pkg: 'docker.io',
    why: 'the docker CLI, the independent truth in tests',
  },
  chromium: {
    ok: () => existsSync('/usr/bin/chromium'),
    pkg: 'chromium',
    why: 'end-to-end tests in a real browser',
  },
  busybox: {
    ok: () => isStaticBusybox(),
    pkg: 'busybox-static',
    why: 'test images (no registry is reachable)',
  },
  registry: {
    ok: () => which('docker-registry') !== null,
    pkg: 'docker-registry',
    why: 'a real image registry on loopback, for pull tests',
  },
  ip: {
    ok: () => which('ip') !== null,
    pkg: 'iproute2',
    why: "the managed engine's own network bridge",
  },
  credentialPass: {
    ok: () => which('docker-credential-pass') !== null,
    pkg: 'golang-docker-credential-helpers',
    why: "a real credential helper (docker-credential-pass) for the registries' login tests",
  },
  pass: {
    ok: () => which('pass') !== null,
    pkg: 'pass',
    why: 'the password store behind docker-credential-pass',
  },
  gpg: {
    ok: () => which('gpg') !== null,
    pkg: 'gnupg',
    why: 'the key a throwaway password store encrypts with',
  },
  compose: {
    ok: () => which('docker-compose') !== null,
    pkg: 'docker-compose',
    why: 'a Compose CLI (docker-compose 1.29) for the Compose projects tests',
  },
  zsh: {
    ok: () => which('zsh') !== null,
    pkg: 'zsh',
    why: 'checking that shown commands are safe to paste in zsh',
  },
  qemu: {
    ok: () => which('qemu-system-x86_64') !== null,
    pkg: 'qemu-system-x86',
    why: 'the managed VM (the vm tests boot it under QEMU)',
  },
  smbd: {
    ok: () => existsSync('/usr/sbin/smbd'),
    pkg: 'samba',
    why: "the VM's SMB shared folder (QEMU's smb= runs /usr/sbin/smbd; the vm tests mount one)",
  },
  // What native/vm/build.sh needs to make the VM image from Debian's packages.
  aptGet: {
    ok: () => which('apt-get') !== null && which('apt-cache') !== null,
    pkg: 'apt',
    why: "fetching the VM image's Debian packages (apt-get download)",
  },
  dpkgDeb: {
    ok: () => which('dpkg-deb') !== null,
    pkg: 'dpkg',
    why: "unpacking the VM image's Debian packages",
  },
  cpio: {
    ok: () => which('cpio') !== null,
    pkg: 'cpio',
    why: "the VM image's initramfs archive",
  },
  lz4: {
    ok: () => which('lz4') !== null,
    pkg: 'lz4',
    why: "compressing the VM image's initramfs",
  },
  readelf: {
    ok: () => which('readelf') !== null,
    pkg: 'binutils',
    why: 'finding the libraries the VM image needs (readelf)',
  },
  openssl: {
    ok: () => which('openssl') !== null,
    pkg: 'openssl',
    why: "the vm tests' throwaway TLS certificates",
  },
  sshd: {
    ok: () => which('sshd') !== null || existsSync('/usr/sbin/sshd'),
    pkg: 'openssh-server',
    why: 'an SSH server on a test node, for the remote-engine (ssh://) tests',
  },
  sshClient: {
    ok: () => ['ssh', 'ssh-keygen', 'ssh-agent', 'ssh-add'].every((c) => which(c) !== null),
    pkg: 'openssh-client',
    why: "ssh-keygen, ssh-agent and the docker CLI's ssh, for the ssh:// tests",
  },
};

function isStaticBusybox() {
  if (!existsSync('/bin/busybox')) return false;
  const out = spawnSync('file', ['-L', '/bin/busybox'], { encoding: 'utf8' });
  if (out.status !== 0) {
    // `file` may be missing: fall back to checking the ELF header for an interpreter.
    return !readFileSync('/bin/busybox').includes(Buffer.from('/lib64/ld-linux'));
  }
  return /statically linked|static-pie/.test(out.stdout);
}

export function missing(names) {
  return names.filter((name) => !requirements[name].ok());
}

export function isDebianLike() {
  return existsSync('/etc/debian_version') && which('apt-get') !== null;
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs the packages for the missing requirements (root only). Returns true on success. */
export function aptInstall(names) {
  const pkgs = [...new Set(names.map((n) => requirements[n].pkg))];
  console.log(`Installing ${pkgs.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  const install = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
    { stdio: 'inherit', env },
  );
  return install.status === 0;
}

export function installCommand(names) {
  const pkgs = [...new Set(names.map((n) => requirements[n].pkg))];
  return `sudo apt-get install -y ${pkgs.join(' ')}`;
}
