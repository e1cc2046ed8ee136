import { describe, expect, it } from 'vitest';
import { nextPageFrom, parseWwwAuthenticate } from './www-authenticate.ts';

describe('parseWwwAuthenticate', () => {
  it('reads a Bearer challenge with realm, service and a scope holding commas', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: {
        realm: 'https://auth.docker.io/token',
        service: 'registry.docker.io',
        scope: 'repository:samalba/my-app:pull,push',
      },
    });
  });

  it('reads a Basic challenge as distribution sends it', () => {
    expect(parseWwwAuthenticate('Basic realm="berth-test"')).toEqual({
      scheme: 'basic',
      params: { realm: 'berth-test' },
    });
  });

  it('accepts spaces after commas, unquoted values and escaped quotes', () => {
    expect(
      parseWwwAuthenticate(
        'bearer Realm=https://h/t, service="a \\"b\\"" , error="insufficient_scope"',
      ),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://h/t', service: 'a "b"', error: 'insufficient_scope' },
    });
  });

  it('is null without a header', () => {
    expect(parseWwwAuthenticate(null)).toBeNull();
    expect(parseWwwAuthenticate('')).toBeNull();
  });
});

describe('nextPageFrom (catalog pagination)', () => {
  it('takes `last` from a next link', () => {
    expect(nextPageFrom('</v2/_catalog?last=team%2Fb&n=2>; rel="next"')).toBe('team/b');
  });

  it('ignores links that are not next, and finds next among several', () => {
    expect(nextPageFrom('</v2/_catalog?last=a&n=2>; rel="prev"')).toBeUndefined();
    expect(
      nextPageFrom('</v2/_catalog?last=a&n=2>; rel="prev", </v2/_catalog?n=2&last=c>; rel=next'),
    ).toBe('c');
  });

  it('is undefined on the last page (no Link)', () => {
    expect(nextPageFrom(null)).toBeUndefined();
  });
});
