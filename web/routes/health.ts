/**
 * Health for machines, without login: GET /healthz (the process answers) and
 * GET /readyz (database writable, enough disk, prompts loaded, every enabled
 * channel connected). 200 or 503 with a JSON body naming what is wrong;
 * cheap enough for a load balancer or monitor to poll every second.
 */
import { Hono } from 'hono';
import type { WebHost } from '../host.js';

export function healthRoutes(app: WebHost): Hono {
  const r = new Hono();
  const started = Date.now();
  r.get('/healthz', (c) => c.json({ ok: true, uptimeSeconds: Math.round((Date.now() - started) / 1000) }));
  r.get('/readyz', async (c) => {
    const ready = await app.operations().readiness();
    const failing = ready.checks.filter((x) => !x.ok);
    return c.json({
      ok: ready.ok,
      ...(failing.length ? { problems: failing.map((x) => `${x.name}: ${x.detail}`) } : {}),
      checks: ready.checks,
      warnings: ready.warnings,
    }, ready.ok ? 200 : 503, { 'cache-control': 'no-store' });
  });
  return r;
}
