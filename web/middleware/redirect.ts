/**
 * Where /login may send the browser afterwards: a path on this site only.
 * "/%09/evil.example" (a tab the browser drops), "//evil", "/\evil" and any
 * control character are refused; the rest is parsed against a base URL and
 * must keep its origin.
 */
const BASE = 'http://suarawarga.invalid';

/** A same-origin path (with query and fragment) for `next`, or "/". */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.length > 2000) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(next) || /^\/[/\\]/.test(next)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return '/';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001F\u007F\\]/.test(decoded) || /^\/[/\\]/.test(decoded)) return '/';
  try {
    const url = new URL(next, BASE);
    if (url.origin !== BASE) return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
