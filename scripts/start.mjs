// `npm start`: the desktop app where Electron's binary is installed, else the
// browser face. On Linux with no engine at all, the engine's package is
// installed when we run as root; otherwise we print the one command to run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptInstall, installCommand, isDebianLike, isRoot, missing } from './system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function engineSocketExists() {
  return (
    ['/var/run/docker.sock', '/run/docker.sock'].some((p) => existsSync(p)) ||
    Boolean(process.env.DOCKER_HOST)
  );
}

if (process.platform === 'linux' && !engineSocketExists() && missing(['dockerd', 'ip']).length) {
  const absent = missing(['dockerd', 'ip']);
  if (isRoot() && isDebianLike()) {
    if (!aptInstall(absent))
      console.error('Installing the engine failed; Berth starts anyway and says what is missing.');
  } else {
    console.log(
      `No container engine is installed. To let Berth run its own, install one:\n  ${installCommand(absent)}`,
    );
  }
}

const build = spawnSync(
  process.execPath,
  [
    `${root}/node_modules/vite/bin/vite.js`,
    'build',
    '--config',
    'vite.renderer.config.ts',
    '--logLevel',
    'warn',
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const electronBinaryInstalled = existsSync(`${root}/node_modules/electron/path.txt`);
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const [command, commandArgs] =
  electronBinaryInstalled && hasDisplay
    ? [`${root}/node_modules/.bin/electron-forge`, ['start', '--', ...args]]
    : [process.execPath, [`${root}/electron/browser-host/main.ts`, ...args]];

if (command === process.execPath) {
  console.log(
    electronBinaryInstalled
      ? 'No display found: starting the browser face instead of the desktop window.'
      : "Electron's binary is not installed here: starting the browser face instead of the desktop window.",
  );
}
const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
