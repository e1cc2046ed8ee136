import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.ts';

describe('the Content-Security-Policy', () => {
  it('is the same in the page meta tag as in the header (less frame-ancestors, which a meta tag cannot set)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const header = CONTENT_SECURITY_POLICY.split('; ').filter(
      (d) => !d.startsWith('frame-ancestors'),
    );
    expect(meta?.split('; ')).toEqual(header);
  });

  it('allows no inline script, no eval and no foreign origin', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});
