import { describe, expect, it } from 'vitest';
import { PREVIEW_SANDBOX } from '../contract/preview-channels.ts';
import { previewPage } from './preview-route.ts';

describe('the preview framing page', () => {
  it('may frame only the one published port it names, and be framed only by Berth', () => {
    const { csp } = previewPage('localhost', 8080);
    const directives = csp.split('; ');
    expect(directives).toContain('frame-src http://localhost:8080');
    expect(directives).toContain("frame-ancestors 'self'");
    expect(directives).toContain("default-src 'none'");
    expect(directives.filter((d) => d.startsWith('frame-src'))).toHaveLength(1);
    expect(csp).not.toMatch(/script-src|unsafe-inline|\*/);
  });

  it('frames the port in a sandbox that never shares an origin', () => {
    const { html } = previewPage('build.example', 8080);
    expect(html).toContain(`sandbox="${PREVIEW_SANDBOX}"`);
    expect(html).toContain('src="http://build.example:8080/"');
    expect(PREVIEW_SANDBOX).not.toContain('allow-same-origin');
  });
});
