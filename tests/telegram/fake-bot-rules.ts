/**
 * What the fake Bot API (fake-bot-api.ts) checks and parses like the real
 * one: multipart uploads, Telegram's HTML parse mode, and the limits on texts
 * and captions, with Telegram's own error texts.
 */

type Json = Record<string, unknown>;

/** Just enough multipart/form-data parsing for grammY's uploads: text fields (JSON where it parses) and file sizes. */
export function parseMultipart(body: Buffer, boundary: string): Json {
  const out: Json = {};
  const files = new Map<string, number>();
  const raw = body.toString('latin1');
  for (const part of raw.split(`--${boundary}`)) {
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const headers = part.slice(0, sep);
    const content = part.slice(sep + 4).replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(headers)?.[1];
    if (!name) continue;
    if (/filename=/.test(headers)) {
      files.set(name, Buffer.byteLength(content, 'latin1'));
      continue;
    }
    const text = Buffer.from(content, 'latin1').toString('utf8');
    try {
      out[name] = /^[[{]/.test(text) ? JSON.parse(text) : text;
    } catch {
      out[name] = text;
    }
  }
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string' && v.startsWith('attach://')) out[k] = { bytes: files.get(v.slice('attach://'.length)) ?? 0 };
  }
  // A file sent directly under the field's own name.
  for (const [name, bytes] of files) if (!(name in out)) out[name] = { bytes };
  return out;
}

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;
/** Tags Telegram's HTML parse mode accepts (core.telegram.org/bots/api#html-style). */
const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'tg-emoji', 'code', 'pre', 'blockquote']);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const badRequest = (description: string) => Object.assign(new Error(`Bad Request: ${description}`), { code: 400 });

/** The visible text of Telegram HTML, or the error Telegram answers for it. */
export function parseTelegramHtml(html: string): string {
  let text = '';
  const stack: string[] = [];
  const offset = (i: number) => Buffer.byteLength(html.slice(0, i), 'utf8');
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw badRequest(`can't parse entities: Unclosed start tag at byte offset ${offset(i)}`);
      const inner = html.slice(i + 1, end);
      const m = /^(\/?)([a-z][a-z0-9-]*)(\s[^>]*)?$/i.exec(inner);
      if (!m) throw badRequest(`can't parse entities: Unexpected end of name token at byte offset ${offset(i)}`);
      const name = m[2]!.toLowerCase();
      if (!TAGS.has(name)) throw badRequest(`can't parse entities: Unsupported start tag "${name}" at byte offset ${offset(i)}`);
      if (m[1]) {
        const open = stack.pop();
        if (open === undefined) throw badRequest(`can't parse entities: Unexpected end tag at byte offset ${offset(i)}`);
        if (open !== name) throw badRequest(`can't parse entities: Unmatched end tag at byte offset ${offset(i)}, expected "</${open}>", found "</${name}>"`);
      } else {
        stack.push(name);
      }
      i = end + 1;
      continue;
    }
    if (ch === '&') {
      const m = /^&(?:([a-z]+)|#(\d+)|#x([0-9a-f]+));/i.exec(html.slice(i, i + 12));
      if (!m) throw badRequest(`can't parse entities: Character '&' is reserved and must be escaped as &amp; (byte offset ${offset(i)})`);
      if (m[1] !== undefined) {
        const named = ENTITIES[m[1].toLowerCase()];
        if (named === undefined) throw badRequest(`can't parse entities: Unsupported HTML entity "&${m[1]};" at byte offset ${offset(i)}`);
        text += named;
      } else {
        text += String.fromCodePoint(m[2] !== undefined ? Number(m[2]) : parseInt(m[3]!, 16));
      }
      i += m[0].length;
      continue;
    }
    if (ch === '>') throw badRequest(`can't parse entities: Unexpected '>' at byte offset ${offset(i)}; escape it as &gt;`);
    text += ch;
    i++;
  }
  if (stack.length) throw badRequest(`can't parse entities: Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"`);
  return text;
}

/** The real Bot API's checks on a text or caption, in the order it makes them. */
export function checkMessageRules(method: string, p: Json): void {
  for (const v of Object.values(p)) {
    if (typeof v === 'string' && /\p{Cs}/u.test(v)) throw badRequest('strings must be encoded in UTF-8');
  }
  const field = method === 'sendMessage' || method === 'editMessageText' ? 'text' : method === 'sendPhoto' ? 'caption' : undefined;
  if (!field || p[field] === undefined) return;
  const raw = String(p[field]);
  const visible = String(p.parse_mode ?? '').toUpperCase() === 'HTML' ? parseTelegramHtml(raw) : raw;
  if (field === 'text' && visible.trim() === '') throw badRequest('message text is empty');
  if (field === 'text' && visible.length > TEXT_LIMIT) throw badRequest('message is too long');
  if (field === 'caption' && visible.length > CAPTION_LIMIT) throw badRequest('message caption is too long');
}
