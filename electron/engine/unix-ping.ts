// GET /_ping over a unix socket under a deadline. Returns an answer instead of
// throwing: callers poll it while dockerd starts, when "not yet" is normal.

import http from 'node:http';

type PingResult = { ok: true; apiVersion?: string } | { ok: false; reason: string };

export function pingUnixSocket(
  socketPath: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<PingResult> {
  return new Promise((resolve) => {
    const request = http.request(
      { socketPath, path: '/_ping', method: 'GET', signal: opts.signal, timeout: opts.timeoutMs },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          if (body.length < 256) body += chunk;
        });
        response.on('end', () => {
          const version = response.headers['api-version'];
          if (response.statusCode === 200 && body.trim() === 'OK') {
            resolve(typeof version === 'string' ? { ok: true, apiVersion: version } : { ok: true });
          } else {
            resolve({ ok: false, reason: `HTTP ${response.statusCode}: ${body.trim()}` });
          }
        });
        response.on('error', (error) => resolve({ ok: false, reason: error.message }));
      },
    );
    request.on('timeout', () => {
      request.destroy(new Error(`no answer within ${opts.timeoutMs} ms`));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({
        ok: false,
        reason: error.code ? `${error.code}: ${error.message}` : error.message,
      });
    });
    request.end();
  });
}
