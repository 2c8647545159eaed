/**
 * A fake OpenAI-compatible server on loopback (node:http) for testing the LLM
 * classifier with the real openai client: each test scripts what
 * /chat/completions answers (content, HTTP status, delay) and inspects the
 * requests it received. Never touches the network beyond 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  status?: number;
  /** The assistant message content (the JSON the model "wrote"). */
  content?: string;
  /** A raw body instead of a chat completion. */
  rawBody?: string;
  delayMs?: number;
}

export interface ReceivedRequest {
  path: string;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown>; strict?: boolean } };
  };
}

export interface FakeOpenAi {
  baseURL: string;
  requests: ReceivedRequest[];
  /** Replies used in order; the last one repeats. */
  reply(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the fake server on a free loopback port. */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  let replies: FakeReply[] = [{ status: 500, rawBody: '{"error":{"message":"no reply scripted"}}' }];
  let next = 0;
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      requests.push({ path: req.url ?? '', body: text ? JSON.parse(text) as ReceivedRequest['body'] : {} });
      const r = replies[Math.min(next, replies.length - 1)]!;
      next++;
      if (r.delayMs) await new Promise((ok) => setTimeout(ok, r.delayMs));
      if (res.destroyed) return;
      const body = r.rawBody ?? JSON.stringify({
        id: 'chatcmpl-fake', object: 'chat.completion', created: 0, model: 'fake',
        choices: [{ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', content: r.content ?? '', refusal: null } }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
      res.writeHead(r.status ?? 200, { 'content-type': 'application/json' });
      res.end(body);
    })().catch(() => { if (!res.headersSent) { res.writeHead(500); res.end(); } });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    reply(...r) { replies = r; next = 0; },
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
