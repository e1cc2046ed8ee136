// Every npm script runs on the Node 22 that the `node` package puts in
// node_modules/.bin. A bare `node` (or an old npm) may still be Node 20:
// say so plainly instead of failing later with a cryptic error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 13)) {
  console.error(
    `Berth needs Node 22.13 or newer, but this is Node ${process.versions.node}.\n` +
      'Run it through npm (npm start, npm test): `npm ci` installs Node 22 into node_modules/.bin,\n' +
      'and npm scripts use it. If you ran a file with a bare `node`, use `npm run` instead.',
  );
  process.exit(1);
}
