/**
 * The one wrapper around Meta's Graph API for WhatsApp: plain fetch over the
 * three calls this channel needs (send a message, upload a photo, look up and
 * download a citizen's media). Every failure becomes a GraphError carrying
 * Meta's code and title and a classification (./errors.ts), so the outbox
 * knows whether to wait, retry, switch to a template or give up.
 */
import { GraphError } from './errors.js';

export interface GraphOptions {
  /** https://graph.facebook.com, or a fake server in tests. */
  baseUrl: string;
  version: string;
  accessToken: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

interface MetaErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; error_user_title?: string; error_data?: { details?: string } };
}

export class GraphClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly opts: GraphOptions) {
    this.fetch = opts.fetch ?? fetch;
  }

  /** `/{version}/{path}` on the Graph API. */
  url(path: string): string {
    return `${this.opts.baseUrl}/${this.opts.version}/${path.replace(/^\/+/, '')}`;
  }

  private async call(call: string, url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.opts.accessToken}`);
    let res: Response;
    try {
      res = await this.fetch(url, { ...init, headers, signal: AbortSignal.timeout(this.opts.timeoutMs), redirect: 'follow' });
    } catch (err) {
      const what = (err as Error).name === 'TimeoutError' ? `no answer within ${this.opts.timeoutMs} ms` : (err as Error).message;
      throw new GraphError(call, 0, undefined, 'network error', `${what}; check the network and WHATSAPP_GRAPH_URL`, { cause: err });
    }
    if (res.ok) return res;
    const text = await res.text().catch(() => '');
    let body: MetaErrorBody = {};
    try { body = JSON.parse(text) as MetaErrorBody; } catch { /* not JSON: a proxy or Meta outage page */ }
    const e = body.error;
    const retryAfter = Number(res.headers.get('retry-after'));
    throw new GraphError(
      call, res.status, e?.code, e?.error_user_title ?? e?.message ?? (res.statusText || 'error'),
      e?.error_data?.details ?? (e ? undefined : text.slice(0, 200) || undefined),
      Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterMs: retryAfter * 1000 } : {},
    );
  }

  /** POST JSON to a Graph path; returns the JSON answer. */
  async post<T>(path: string, body: unknown): Promise<T> {
    const res = await this.call(`POST /${path}`, this.url(path), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  }

  /** GET a Graph path; returns the JSON answer. */
  async get<T>(path: string): Promise<T> {
    const res = await this.call(`GET /${path.split('?')[0]}`, this.url(path), { method: 'GET' });
    return (await res.json()) as T;
  }

  /** POST a multipart form (media upload). */
  async postForm<T>(path: string, form: FormData): Promise<T> {
    const res = await this.call(`POST /${path}`, this.url(path), { method: 'POST', body: form });
    return (await res.json()) as T;
  }

  /**
   * Downloads a media URL Meta handed out (it needs the same token), stopping
   * as soon as more than maxBytes arrived. Returns undefined when too large.
   */
  async download(url: string, maxBytes: number): Promise<{ bytes: Buffer; mimeType: string | undefined } | undefined> {
    const res = await this.call('GET media URL', url, { method: 'GET' });
    const announced = Number(res.headers.get('content-length'));
    if (Number.isFinite(announced) && announced > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      return undefined;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel().catch(() => undefined);
          return undefined;
        }
        chunks.push(Buffer.from(value));
      }
    }
    return { bytes: Buffer.concat(chunks), mimeType: res.headers.get('content-type') ?? undefined };
  }
}
