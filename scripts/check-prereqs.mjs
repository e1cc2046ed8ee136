// Before the tests: install what they need when we may (root on Debian), or say
// exactly what is missing and fail. A missing prerequisite is never a skip.
import {
  aptInstall,
  installCommand,
  isDebianLike,
  isRoot,
  missing,
  requirements,
} from './system-packages.mjs';

const needed = [
  'dockerd',
  'docker',
  'chromium',
  'busybox',
  'registry',
  'ip',
  'zsh',
  'credentialPass',
  'pass',
  'gpg',
  'compose',
  'qemu',
  'smbd',
  'aptGet',
  'dpkgDeb',
  'cpio',
  'lz4',
  'readelf',
  'openssl',
  'sshd',
  'sshClient',
];
let absent = missing(needed);
if (absent.length && isRoot() && isDebianLike()) {
  if (!aptInstall(absent)) console.error('apt-get failed; see its output above.');
  absent = missing(needed);
}
if (absent.length) {
  console.error('The tests cannot run: missing prerequisites.');
  for (const name of absent)
    console.error(`  - ${requirements[name].why}: package ${requirements[name].pkg}`);
  console.error(`Install them with: ${installCommand(absent)}`);
  if (!isRoot())
    console.error(
      'The engine-backed tests also need root (the managed dockerd creates a network bridge).',
    );
  process.exit(1);
}
if (!isRoot()) {
  console.error(
    'The engine-backed and end-to-end tests need root: the managed dockerd creates its own network bridge.',
  );
  console.error('Run the tests as root (for example in a container or VM): sudo npm test');
  process.exit(1);
}
console.log(
  'Prerequisites: dockerd, docker CLI, chromium, static busybox, docker-registry, iproute2, zsh, docker-credential-pass, pass, gnupg, docker-compose, QEMU, samba (smbd), the VM image tools (apt, dpkg, cpio, lz4, binutils), openssl, OpenSSH (server and client): all present.',
);
