/** Our own CSS/JS and Leaflet from node_modules (no CDN); public, no login. */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { sendFile } from '../files.js';

const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
const LEAFLET_DIR = join(dirname(createRequire(import.meta.url).resolve('leaflet/package.json')), 'dist');

/** /static/* and /vendor/leaflet/*. */
export function staticRoutes(): Hono {
  const r = new Hono();
  r.get('/static/:file', (c) => sendFile(c, PUBLIC_DIR, c.req.param('file'), 'no-cache'));
  r.get('/vendor/leaflet/*', (c) => sendFile(c, LEAFLET_DIR, c.req.path.slice('/vendor/leaflet/'.length), 'public, max-age=86400'));
  return r;
}
