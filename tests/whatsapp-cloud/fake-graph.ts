/**
 * A fake Meta Graph API (WhatsApp Business Cloud API) on loopback, for running
 * the real channel end to end: message sends, photo uploads, the business
 * number check, media lookup and download (token required), and injected
 * failures (HTTP 429, 5xx, any Meta error code). Every call is recorded.
 *
 * It also builds the webhook bodies Meta would post (a citizen's text, button
 * press, list pick, pin, photo, voice note; statuses of our messages) and
 * signs them like Meta does, so tests post them to the app's real webhook.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PHONE_NUMBER_ID = '109876543210987';
export const ACCESS_TOKEN = 'EAAG-test-token-0123456789abcdefghij';
export const APP_SECRET = '0123456789abcdef0123456789abcdef';
export const VERIFY_TOKEN = 'kota-bima-verify-token';
export const VERSION = 'v24.0';

export interface GraphCall { seq: number; method: string; path: string; auth: string | undefined; body: Record<string, unknown> | undefined; bytes: number }

/** A message the business number sent. */
export interface SentMessage {
  id: string;
  to: string | undefined;
  recipient: string | undefined;
  type: string;
  body: Record<string, unknown>;
  /** The text a citizen reads: text body, interactive body, caption or template name. */
  text: string;
  /** Ids of reply buttons or list rows, when interactive. */
  choiceIds: string[];
}

export interface Failure {
  status: number;
  code?: number;
  title?: string;
  details?: string;
  /** Only calls whose path contains this (default: /messages). */
  path?: string;
  times?: number;
  when?: (body: Record<string, unknown> | undefined) => boolean;
}

type Json = Record<string, unknown>;

function textOf(type: string, body: Json): string {
  const b = body[type] as Json | undefined;
  if (type === 'text') return String((b?.body as string) ?? '');
  if (type === 'interactive') return String(((b?.body as Json | undefined)?.text as string) ?? '');
  if (type === 'image') return String((b?.caption as string) ?? '');
  if (type === 'template') return `template:${String(b?.name)}`;
  if (type === 'location') return `pin:${String(b?.latitude)},${String(b?.longitude)}`;
  return '';
}

function choiceIdsOf(body: Json): string[] {
  const i = body.interactive as Json | undefined;
  const action = i?.action as Json | undefined;
  if (!action) return [];
  if (Array.isArray(action.buttons)) return (action.buttons as Json[]).map((x) => String((x.reply as Json).id));
  return ((action.sections as Json[] | undefined) ?? []).flatMap((s) => (s.rows as Json[]).map((r) => String(r.id)));
}

export class FakeGraph {
  url = '';
  readonly calls: GraphCall[] = [];
  readonly sent: SentMessage[] = [];
  /** Uploaded photos: media id → bytes. */
  readonly uploads = new Map<string, number>();
  /** How long a message send is held after it is recorded, before Meta answers (a slow network: a sender killed meanwhile never hears back). */
  sendDelayMs = 0;
  private readonly media = new Map<string, { bytes: Buffer; mime: string; announced?: number }>();
  private readonly failures: Failure[] = [];
  private server: Server | undefined;
  private seq = 0;
  private nextId = 1;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => {
      if (!this.server) return r();
      this.server.close(() => r());
      this.server.closeAllConnections();
    });
  }

  /** The next matching calls fail with this HTTP status and Meta error. */
  fail(f: Failure): void {
    this.failures.push({ times: 1, ...f });
  }

  /** A photo a citizen sent, downloadable by its media id. `announced` overrides the size Meta reports. */
  addMedia(id: string, bytes: Buffer, mime = 'image/jpeg', announced?: number): void {
    this.media.set(id, { bytes, mime, ...(announced !== undefined ? { announced } : {}) });
  }

  /** Messages sent to one phone number (digits), in order. */
  to(waId: string): SentMessage[] {
    return this.sent.filter((m) => m.to === waId || m.recipient === waId);
  }

  private reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, code: number, title: string, details?: string): void {
    this.reply(res, status, {
      error: { message: `(#${code}) ${title}`, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: details ?? title }, fbtrace_id: 'Afake' },
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', this.url);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    let body: Json | undefined;
    if (isJson && raw.length) body = JSON.parse(raw.toString('utf8')) as Json;
    this.calls.push({ seq: ++this.seq, method: req.method ?? '', path: url.pathname, auth: req.headers.authorization, body, bytes: raw.length });

    if (req.headers.authorization !== `Bearer ${ACCESS_TOKEN}`) return this.error(res, 401, 190, 'Invalid OAuth access token');

    const failure = this.failures.find((f) => url.pathname.includes(f.path ?? '/messages') && (!f.when || f.when(body)));
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.code === undefined) {
        res.writeHead(failure.status, { 'content-type': 'text/html' });
        return void res.end('<html>Service Unavailable</html>');
      }
      return this.error(res, failure.status, failure.code, failure.title ?? 'error', failure.details);
    }

    const download = /^\/media-download\/(.+)$/.exec(url.pathname);
    if (download) {
      const m = this.media.get(decodeURIComponent(download[1]!));
      if (!m) return this.error(res, 404, 100, 'media not found');
      res.writeHead(200, { 'content-type': m.mime, 'content-length': String(m.bytes.length) });
      return void res.end(m.bytes);
    }

    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== VERSION) return this.error(res, 400, 2635, `unsupported version ${parts[0]}`);
    const [, node, edge] = parts;
    if (req.method === 'POST' && node === PHONE_NUMBER_ID && edge === 'messages' && body) {
      const id = `wamid.FAKE${String(this.nextId++).padStart(6, '0')}`;
      const type = String(body.type);
      this.sent.push({
        id, to: body.to as string | undefined, recipient: body.recipient as string | undefined, type, body,
        text: textOf(type, body), choiceIds: choiceIdsOf(body),
      });
      if (this.sendDelayMs > 0) await new Promise((r) => setTimeout(r, this.sendDelayMs));
      return this.reply(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: body.to }], messages: [{ id }] });
    }
    if (req.method === 'POST' && node === PHONE_NUMBER_ID && edge === 'media') {
      const id = `up-${this.nextId++}`;
      this.uploads.set(id, raw.length);
      return this.reply(res, 200, { id });
    }
    if (req.method === 'GET' && node === PHONE_NUMBER_ID && !edge) {
      return this.reply(res, 200, { id: PHONE_NUMBER_ID, verified_name: 'Pemkot Bima', display_phone_number: '+62 374 000000' });
    }
    if (req.method === 'GET' && node && !edge) {
      const m = this.media.get(node);
      if (!m) return this.error(res, 404, 100, 'Unsupported get request: media not found');
      return this.reply(res, 200, {
        messaging_product: 'whatsapp', url: `${this.url}/media-download/${encodeURIComponent(node)}`, mime_type: m.mime,
        sha256: 'x', file_size: m.announced ?? m.bytes.length, id: node,
      });
    }
    return this.error(res, 404, 100, `no route ${req.method} ${url.pathname}`);
  }
}

// --- webhook bodies, as Meta posts them ----------------------------------------------------------

let wamid = 1;
/** A fresh inbound message id. */
export const newWamid = () => `wamid.IN${String(wamid++).padStart(8, '0')}`;

export interface From { waId: string; name?: string; userId?: string; hidePhone?: boolean }

/** The envelope around one change of the `messages` field. */
export function envelope(value: Json, phoneNumberId = PHONE_NUMBER_ID): Json {
  return {
    object: 'whatsapp_business_account',
    entry: [{
      id: '1029384756', changes: [{
        field: 'messages',
        value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '62374000000', phone_number_id: phoneNumberId }, ...value },
      }],
    }],
  };
}

/** A citizen's message of any type: `content` is the type's object (e.g. { text: { body } }). */
export function inbound(from: From, type: string, content: Json, opts: { id?: string; at?: Date } = {}): Json {
  const contact: Json = { profile: { name: from.name ?? 'Warga' }, ...(from.hidePhone ? {} : { wa_id: from.waId }), ...(from.userId ? { user_id: from.userId } : {}) };
  const message: Json = {
    ...(from.hidePhone ? { from_user_id: from.userId } : { from: from.waId }),
    id: opts.id ?? newWamid(),
    timestamp: String(Math.floor((opts.at ?? new Date()).getTime() / 1000)),
    type,
    ...content,
  };
  return envelope({ contacts: [contact], messages: [message] });
}

export const text = (from: From, body: string, opts?: { id?: string; at?: Date }) => inbound(from, 'text', { text: { body } }, opts);
export const buttonReply = (from: From, id: string, title = 'Ya') => inbound(from, 'interactive', { interactive: { type: 'button_reply', button_reply: { id, title } } });
export const listReply = (from: From, id: string, title = 'Pilihan') => inbound(from, 'interactive', { interactive: { type: 'list_reply', list_reply: { id, title } } });
export const templateButton = (from: From, payload: string, label = 'Sudah beres') => inbound(from, 'button', { button: { payload, text: label } });
export const pin = (from: From, latitude: number, longitude: number, name?: string, address?: string) =>
  inbound(from, 'location', { location: { latitude, longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } });
export const photo = (from: From, mediaId: string, caption?: string) =>
  inbound(from, 'image', { image: { id: mediaId, mime_type: 'image/jpeg', sha256: 'x', ...(caption ? { caption } : {}) } });

/** A status of one of our messages. */
export function status(id: string, state: 'sent' | 'delivered' | 'read' | 'failed', opts: { at?: Date; code?: number; title?: string; recipient?: string } = {}): Json {
  return envelope({
    statuses: [{
      id, status: state, timestamp: String(Math.floor((opts.at ?? new Date()).getTime() / 1000)), recipient_id: opts.recipient ?? '6281234567890',
      ...(state === 'failed' ? { errors: [{ code: opts.code ?? 131026, title: opts.title ?? 'Message undeliverable', message: opts.title ?? 'Message undeliverable', error_data: { details: 'Message Undeliverable.' } }] } : {}),
    }],
  });
}

/** Meta's X-Hub-Signature-256 for a body. */
export function sign(body: string, secret = APP_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Posts a webhook body to the app like Meta does (signed unless told otherwise). */
export async function postWebhook(baseUrl: string, payload: unknown, opts: { signature?: string | null } = {}): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const signature = opts.signature === undefined ? sign(body) : opts.signature;
  if (signature !== null) headers['x-hub-signature-256'] = signature;
  return fetch(`${baseUrl}/webhooks/whatsapp`, { method: 'POST', headers, body });
}
