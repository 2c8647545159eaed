/** Reading a Bot API call's parameters (JSON, multipart or query string) and answering it, for the fake Bot API. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart } from './fake-bot-rules.js';

type Json = Record<string, unknown>;

export async function readPayload(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/json')) return body.length ? JSON.parse(body.toString('utf8')) as Json : {};
  if (type.includes('multipart/form-data')) return parseMultipart(body, /boundary=(.+)$/.exec(type)?.[1] ?? '');
  if (req.method === 'GET') return Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
  return {};
}

/** Answers with a JSON body, unless the caller already hung up. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
