/**
 * The prompts editor (admins only): check, dry-run a message, save as a new
 * version, history, diff, and rollback to any version.
 */
import { Hono, type Context } from 'hono';
import { PROMPT_FILE_NAMES } from '../../adapters/prompts/files.js';
import { formatIssues } from '../../core/config/validate.js';
import { createOfflineClassifier } from '../../core/nlu/offline.js';
import { routeComplaint } from '../../core/routing/router.js';
import { issuesForEditor } from '../prompt-errors.js';
import { errorPage } from '../views/layout.js';
import { historyPage, promptsPage, versionPage } from '../views/prompts.js';
import { isApi, type Env, type WebContext } from './context.js';

/** /admin/prompts* pages and /api/prompts/* (the caller puts both behind adminOnly). */
export function promptRoutes(w: WebContext): Hono<Env> {
  const r = new Hono<Env>();
  const { app } = w;

  r.get('/admin/prompts', async (c) => {
    const files = PROMPT_FILE_NAMES;
    const file = files.includes(c.req.query('file') ?? '') ? c.req.query('file')! : files[0]!;
    return w.page(c, promptsPage(w.pageCtx(c), [...files], file, app.prompts.files()[file] ?? '', await app.prompts.history(8), w.cfg()));
  });
  r.get('/admin/prompts/riwayat', async (c) => w.page(c, historyPage(w.pageCtx(c), w.cfg(), await app.prompts.history(200))));
  r.get('/admin/prompts/riwayat/:id{[0-9]+}', async (c) => {
    const v = await app.prompts.version(Number(c.req.param('id')));
    if (!v) return w.page(c, errorPage(w.pageCtx(c), 404, 'Versi tidak ada.'), 404);
    const msg = c.req.query('ok') ? { ok: true, text: c.req.query('ok')! } : c.req.query('error') ? { ok: false, text: c.req.query('error')! } : undefined;
    return w.page(c, versionPage(w.pageCtx(c), w.cfg(), v, v.hash === w.cfg().hash, msg));
  });

  /** One rollback for the history page (form, answers with a redirect) and the API (JSON). */
  const rollback = async (c: Context<Env>) => {
    const id = Number(c.req.param('id'));
    const user = c.get('session').user.name;
    const res = await app.prompts.rollback(id, `web:${user}`);
    if (res.ok) await w.audit(user, 'prompts_rollback', null, `to version ${id}${res.version ? ` (new version ${res.version.id})` : ''}`);
    if (isApi(c)) {
      if (!res.ok) return c.json({ ok: false, issues: res.issues, message: res.message }, 422);
      return c.json({ ok: true, changed: res.changed, version: res.version ? { id: res.version.id, hash: res.version.hash } : null });
    }
    if (!res.ok) return c.redirect(`/admin/prompts/riwayat/${id}?error=${encodeURIComponent(res.message)}`, 303);
    const target = res.version?.id ?? id;
    return c.redirect(`/admin/prompts/riwayat/${target}?ok=${encodeURIComponent(res.changed ? `Dikembalikan ke versi ${id}.` : 'Sudah sama dengan versi yang berjalan.')}`, 303);
  };
  r.post('/admin/prompts/riwayat/:id{[0-9]+}/rollback', rollback);
  r.post('/api/prompts/rollback/:id{[0-9]+}', rollback);

  const readEdit = async (c: Context) => {
    let body: { file?: unknown; text?: unknown; message?: unknown };
    try { body = await c.req.json(); } catch { return { error: 'expected a JSON body { file, text }' }; }
    if (typeof body.file !== 'string' || !PROMPT_FILE_NAMES.includes(body.file)) return { error: `file must be one of ${PROMPT_FILE_NAMES.join(', ')}` };
    if (typeof body.text !== 'string') return { error: 'text must be a string' };
    return { file: body.file, text: body.text, message: typeof body.message === 'string' ? body.message.slice(0, 2000) : '' };
  };

  r.post('/api/prompts/check', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    const res = app.prompts.check({ [e.file]: e.text });
    if (!res.ok) return c.json({ ok: false, issues: res.issues, message: formatIssues(res.issues), lines: issuesForEditor(res.issues) });
    return c.json({ ok: true, changed: res.config.hash !== w.cfg().hash, message: 'Konfigurasi valid.' });
  });

  r.post('/api/prompts/test', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    if (!e.message.trim()) return c.json({ ok: false, message: 'Tulis pesan untuk diuji.', issues: [] }, 400);
    const res = app.prompts.check({ [e.file]: e.text });
    if (!res.ok) return c.json({ ok: false, issues: res.issues, message: formatIssues(res.issues), lines: issuesForEditor(res.issues) });
    const classifier = res.config.hash === w.cfg().hash ? app.offline() : createOfflineClassifier({ config: res.config, areas: app.areas });
    const cls = classifier.classifySync(e.message);
    const category = cls.category ?? 'lainnya';
    const route = routeComplaint(res.config, {
      category, confidence: cls.confidence, text: e.message,
      kecamatan: cls.area?.kecamatan ?? null, kelurahan: cls.area?.kelurahan ?? null,
    });
    return c.json({
      ok: true,
      classification: {
        intent: cls.intent, category: cls.category, categoryLabel: cls.category ? (res.config.categories.find((x) => x.id === cls.category)?.label ?? cls.category) : null,
        confidence: cls.confidence, alternatives: cls.alternatives.slice(0, 3), location: cls.location, area: cls.area, normalized: cls.normalized, source: cls.source,
      },
      route: route.kind === 'reject' ? route : { ...route, agencyName: res.config.agencies.find((a) => a.code === route.agency)?.name ?? route.agency },
    });
  });

  r.post('/api/prompts/save', async (c) => {
    const e = await readEdit(c);
    if ('error' in e) return c.json({ ok: false, message: e.error, issues: [] }, 400);
    const user = c.get('session').user.name;
    const res = await app.prompts.apply({ [e.file]: e.text }, `web:${user}`);
    if (!res.ok) return c.json({ ok: false, issues: res.issues, message: res.message, lines: issuesForEditor(res.issues) }, 422);
    if (res.changed) await w.audit(user, 'prompts_apply', null, `${e.file}${res.version ? ` → version ${res.version.id}` : ''}`);
    return c.json({ ok: true, changed: res.changed, version: res.version ? { id: res.version.id, hash: res.version.hash } : null,
      message: res.changed ? `Tersimpan sebagai versi ${res.version?.id ?? '?'}.` : 'Tidak ada perubahan.' });
  });
  r.get('/api/prompts/history', async (c) => c.json(await app.prompts.history(200)));
  r.get('/api/prompts/history/:id{[0-9]+}', async (c) => {
    const v = await app.prompts.version(Number(c.req.param('id')));
    return v ? c.json(v) : c.json({ error: 'no such version' }, 404);
  });
  return r;
}
