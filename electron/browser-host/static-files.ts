// Serves the built renderer. A path is decoded once, must not hold control
// characters, and must stay inside the root after following symlinks: a link in
// the served folder that points elsewhere is not followed out of it.
import { readFile, realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { printable } from './access.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

interface StaticOptions {
  /** The request carried a secret (the token in its query): no cache may keep the reply. */
  noStore?: boolean;
}

export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  opts: StaticOptions = {},
): Promise<void> {
  const relative = relativePath(urlPath);
  if (relative === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad path.\n');
    return;
  }
  const file = normalize(join(root, relative));
  const real = await insideRoot(root, file);
  if (!real) {
    res.writeHead(404).end('Not found');
    return;
  }
  try {
    const body = await readFile(real);
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(real)] ?? 'application/octet-stream',
      'Cache-Control': relative === 'index.html' || opts.noStore ? 'no-store' : 'max-age=3600',
    });
    res.end(body);
  } catch (err) {
    console.error(`[web] couldn't read ${printable(real)}: ${printable((err as Error).message)}`);
    res.writeHead(500).end('Could not read the file.');
  }
}

/** The file a URL path names, relative to the root; null for a path that cannot name one. */
function relativePath(urlPath: string): string | null {
  if (urlPath === '/') return 'index.html';
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null; // a malformed escape such as `%` or `%zz`
  }
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\x00-\x1f\x7f]/.test(decoded)) return null;
  return decoded.replace(/^\/+/, '');
}

/** The file's real path when it is a regular file inside the root's real path, else null. */
async function insideRoot(root: string, file: string): Promise<string | null> {
  if (!file.startsWith(normalize(root) + sep)) return null;
  try {
    const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]);
    if (!real.startsWith(realRoot + sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return null;
    throw err;
  }
}
