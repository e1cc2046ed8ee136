// A registry's 401 says how to authenticate in its WWW-Authenticate header
// (RFC 7235): `Basic realm="x"`, or `Bearer realm="https://auth/token",
// service="registry",scope="repository:a/b:pull"` for the token flow. Quoted
// values may hold commas and backslash escapes, so a split on commas is wrong.

export interface Challenge {
  /** Lower case: `basic` or `bearer`. */
  scheme: string;
  params: Record<string, string>;
}

/** The first challenge of the header (registries send one), or null when it names none. */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge | null {
  if (!header) return null;
  const schemeMatch = /^\s*([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)\s*/.exec(header);
  if (!schemeMatch) return null;
  const params: Record<string, string> = {};
  let rest = header.slice(schemeMatch[0].length);
  const param =
    /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*(?:,\s*)?/;
  for (;;) {
    const m = param.exec(rest);
    if (!m) break;
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
    rest = rest.slice(m[0].length);
  }
  return { scheme: schemeMatch[1]!.toLowerCase(), params };
}

/** The `last` value of a `Link: <...?last=x&n=100>; rel="next"` header, for the next catalog page. */
export function nextPageFrom(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (!m || !/rel\s*=\s*"?next"?/i.test(m[2]!)) continue;
    const query = m[1]!.split('?')[1] ?? '';
    const last = new URLSearchParams(query).get('last');
    if (last !== null) return last;
  }
  return undefined;
}
