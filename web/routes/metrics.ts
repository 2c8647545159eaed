/**
 * GET /metrics in the Prometheus text format. Served to loopback callers
 * that did not come through a proxy (a proxy adds forwarding headers), or to
 * anyone sending `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { WebHost } from '../host.js';
import { safeEqual } from '../auth.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function fromLoopback(c: Context): boolean {
  if (c.req.header('x-forwarded-for') || c.req.header('forwarded') || c.req.header('x-real-ip')) return false;
  try {
    return LOOPBACK.test(getConnInfo(c).remote.address ?? '');
  } catch {
    return false; // not served by node (no socket to check)
  }
}

export function metricsRoutes(app: WebHost): Hono {
  const r = new Hono();
  const token = app.config.METRICS_TOKEN;
  app.operations(); // connects the metric sources now, so deliveries from now on are measured
  r.get('/metrics', async (c) => {
    const auth = c.req.header('authorization') ?? '';
    const bearer = /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
    const allowed = token ? (bearer !== undefined && safeEqual(bearer, token)) || (!auth && fromLoopback(c)) : fromLoopback(c);
    if (!allowed) {
      return c.text(token ? 'metrics need "Authorization: Bearer <METRICS_TOKEN>"\n' : 'metrics are served to loopback only; set METRICS_TOKEN to allow a remote Prometheus\n', token ? 401 : 403);
    }
    return c.body(await app.metrics.render(), 200, { 'content-type': app.metrics.contentType, 'cache-control': 'no-store' });
  });
  return r;
}
