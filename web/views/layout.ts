/**
 * The page frame shared by every command-centre page: navigation by role,
 * the CSRF token for scripts (meta tag) and our own CSS/JS only.
 */
import { html, type Html } from '../html.js';
import type { WebUser } from '../ports.js';

export interface PageCtx {
  user: WebUser;
  csrf: string;
  cityName: string;
}

const NAV: { href: string; label: string; admin?: boolean }[] = [
  { href: '/', label: 'Papan' },
  { href: '/peta', label: 'Peta' },
  { href: '/statistik', label: 'Statistik' },
  { href: '/layar', label: 'Layar' },
  { href: '/publik', label: 'Publik' },
  { href: '/admin/prompts', label: 'Editor', admin: true },
  { href: '/admin/saluran', label: 'Saluran', admin: true },
  { href: '/admin/audit', label: 'Audit', admin: true },
  { href: '/admin/warga', label: 'Warga', admin: true },
];

export function layout(ctx: PageCtx, title: string, active: string, body: Html, opts: { scripts?: string[]; styles?: string[]; head?: Html } = {}): Html {
  return html`<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${ctx.csrf}">
<title>${title} · SuaraWarga ${ctx.cityName}</title>
<link rel="stylesheet" href="/static/app.css">
${(opts.styles ?? []).map((s) => html`<link rel="stylesheet" href="${s}">`)}
${opts.head ?? ''}
</head>
<body>
<header class="top">
  <a class="brand" href="/">SuaraWarga <small>${ctx.cityName}</small></a>
  <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label="Buka menu">
  <label for="nav-toggle" class="nav-button" aria-hidden="true">☰ Menu</label>
  <nav id="nav">${NAV.filter((n) => !n.admin || ctx.user.role === 'admin').map((n) =>
    html`<a href="${n.href}"${n.href === active ? html` class="active" aria-current="page"` : ''}>${n.label}</a>`)}</nav>
  <form method="post" action="/logout" class="logout">
    <span class="who">${ctx.user.name} (${ctx.user.role === 'admin' ? 'admin' : 'pemantau'})</span>
    <input type="hidden" name="_csrf" value="${ctx.csrf}">
    <button type="submit">Keluar</button>
  </form>
</header>
<main>
${body}
</main>
${(opts.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</body>
</html>`;
}

export function loginPage(opts: { error?: string; next?: string; cityName: string }): Html {
  return html`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Masuk · SuaraWarga ${opts.cityName}</title><link rel="stylesheet" href="/static/app.css"></head>
<body class="login">
<form method="post" action="/login" class="card login-card">
  <h1>SuaraWarga <small>${opts.cityName}</small></h1>
  <p>Pusat komando: masuk dengan akun yang dibuat admin.</p>
  ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ''}
  <label>Nama pengguna <input name="name" autocomplete="username" required autofocus></label>
  <label>Kata sandi <input name="password" type="password" autocomplete="current-password" required></label>
  <input type="hidden" name="next" value="${opts.next ?? '/'}">
  <button type="submit">Masuk</button>
</form>
</body>
</html>`;
}

export function errorPage(ctx: PageCtx | undefined, status: number, message: string): Html {
  const body = html`<section class="card"><h1>${status === 404 ? 'Tidak ditemukan' : status === 403 ? 'Tidak diizinkan' : 'Terjadi kesalahan'}</h1><p>${message}</p><p><a href="/">Kembali ke papan</a></p></section>`;
  if (!ctx) return html`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${status}</title><link rel="stylesheet" href="/static/app.css"></head><body>${body}</body></html>`;
  return layout(ctx, String(status), '', body);
}
