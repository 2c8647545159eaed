/**
 * Keeps every message within what the real Bot API accepts: at most 4,096
 * characters of text and 1,024 of caption, well-formed UTF-16 (no lone
 * surrogate), and HTML whose tags and entities are never cut in half. Texts
 * are cut by code points, so an emoji is never split.
 */

/** Telegram's limits (core.telegram.org/bots/api#sendmessage, #sendphoto). */
export const TEXT_MAX = 4096;
export const CAPTION_MAX = 1024;

const ELLIPSIS = '…';

/** Replaces lone surrogates (which Telegram refuses as invalid UTF-8) with U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/\p{Cs}/gu, '\uFFFD');
}

/** Plain text cut to at most `max` UTF-16 units at a code-point boundary, with "…" when cut. */
export function cutText(s: string, max: number): string {
  const text = wellFormed(s);
  if (text.length <= max) return text;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length + ELLIPSIS.length > max) break;
    out += ch;
  }
  return out + ELLIPSIS;
}

// A tag, an entity, or one code point (the u flag keeps a surrogate pair together).
const TOKEN = /<(\/?)([a-z][a-z0-9-]*)\b[^>]*>|&(?:[a-z]+|#\d+|#x[0-9a-f]+);|[\s\S]/giu;

/**
 * Telegram HTML cut to at most `max` units: never inside a tag, an entity or a
 * surrogate pair; tags still open at the cut are closed, and "…" marks it.
 */
export function fitHtml(html: string, max: number): string {
  const text = wellFormed(html);
  if (text.length <= max) return text;
  const open: string[] = [];
  const closing = () => open.map((t) => `</${t}>`).reverse().join('');
  let out = '';
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const after = [...open];
    if (m[2] !== undefined) {
      if (m[1]) after.pop();
      else after.push(m[2].toLowerCase());
    }
    const closeAfter = after.map((t) => `</${t}>`).join('').length;
    if (out.length + token.length + closeAfter + ELLIPSIS.length > max) break;
    out += token;
    open.splice(0, open.length, ...after);
  }
  return out + ELLIPSIS + closing();
}

/**
 * Splits a long HTML text into messages of at most `max` units, at line ends
 * (the bot's own markup never spans lines); an overlong line is cut with fitHtml.
 */
export function splitHtml(html: string, max: number = TEXT_MAX): string[] {
  const parts: string[] = [];
  let current = '';
  for (const raw of wellFormed(html).split('\n')) {
    const line = raw.length > max ? fitHtml(raw, max) : raw;
    if (current && current.length + 1 + line.length > max) {
      parts.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** The same text without markup, for the plain-text retry after Telegram refused the HTML. */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_m, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e]!);
}

/** True for Telegram's 400 "can't parse entities" answer to malformed HTML. */
export function isEntityError(err: unknown): boolean {
  const e = err as { error_code?: unknown; description?: unknown };
  return e?.error_code === 400 && typeof e.description === 'string' && /can't parse entities|unsupported start tag|can't find end tag/i.test(e.description);
}

/**
 * Sends HTML; when Telegram refuses to parse it (a bug in our markup or a
 * citizen text that slipped through), sends the same words once as plain text
 * instead of losing the message. `send` gets the text and the parse mode to use.
 */
export async function withPlainFallback<T>(
  html: string, send: (text: string, parseMode: 'HTML' | undefined) => Promise<T>, onFallback?: (err: unknown) => void,
): Promise<T> {
  try {
    return await send(html, 'HTML');
  } catch (err) {
    if (!isEntityError(err)) throw err;
    onFallback?.(err);
    return send(htmlToPlain(html), undefined);
  }
}
