/**
 * The prompts editor, its version history and one version with its diff.
 */
import type { PromptConfig } from '../../core/config/schema.js';
import { localTime } from '../../core/config/texts.js';
import type { PromptVersion } from '../../core/ports.js';
import { html, type Html } from '../html.js';
import { layout, type PageCtx } from './layout.js';

/** The editor page. */
export function promptsPage(ctx: PageCtx, files: string[], file: string, text: string, history: Omit<PromptVersion, 'files'>[], cfg: PromptConfig): Html {
  const body = html`<h1>Editor prompts/</h1>
<nav class="tabs">${files.map((f) => html`<a href="/admin/prompts?file=${encodeURIComponent(f)}"${f === file ? html` class="active"` : ''}>${f}</a>`)} <a href="/admin/prompts/riwayat">Riwayat</a></nav>
<div class="grid2 editor">
<section class="card">
  <form id="prompt-form" data-file="${file}">
    <label for="editor">${file}</label>
    <textarea id="editor" name="text" spellcheck="false" rows="28">${text}</textarea>
    <div class="buttons"><button type="button" id="check">Periksa</button> <button type="submit" id="save">Simpan</button></div>
  </form>
  <pre id="result" class="result" aria-live="polite"></pre>
</section>
<section class="card">
  <h2>Uji pesan</h2>
  <p class="muted">Klasifikasi dan rute memakai isi editor (belum disimpan).</p>
  <form id="test-form"><textarea id="test-message" rows="3" placeholder="contoh: sampah numpuk di jalan sudirman rabadompu"></textarea>
  <button type="submit" id="test">Uji</button></form>
  <div id="test-result" aria-live="polite"></div>
  <h2>Versi terakhir</h2>
  <ul class="versions">${history.slice(0, 8).map((v) => html`<li><a href="/admin/prompts/riwayat/${v.id}">#${v.id}</a> ${localTime(cfg, v.appliedAt)} — ${v.author ?? '—'}</li>`)}</ul>
</section>
</div>`;
  return layout(ctx, 'Editor', '/admin/prompts', body, { scripts: ['/static/editor.js'] });
}

/** Every version. */
export function historyPage(ctx: PageCtx, cfg: PromptConfig, versions: Omit<PromptVersion, 'files'>[]): Html {
  const body = html`<h1>Riwayat prompts/</h1><p><a href="/admin/prompts">← Editor</a></p>
<section class="card"><table><thead><tr><th>Versi</th><th>Waktu</th><th>Oleh</th><th>Hash</th></tr></thead><tbody>
${versions.map((v) => html`<tr><td><a href="/admin/prompts/riwayat/${v.id}">#${v.id}</a></td><td>${localTime(cfg, v.appliedAt)}</td><td>${v.author ?? '—'}</td><td><code>${v.hash.slice(0, 12)}</code></td></tr>`)}
</tbody></table></section>`;
  return layout(ctx, 'Riwayat', '/admin/prompts', body);
}

/** A unified diff, coloured. */
export function diffView(diff: string): Html {
  if (!diff.trim()) return html`<p class="muted">Tidak ada perbedaan.</p>`;
  return html`<pre class="diff">${diff.split('\n').map((l) => html`<span class="${l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : l.startsWith('@@') ? 'hunk' : ''}">${l}</span>\n`)}</pre>`;
}

/** One version with its diff and a rollback button. */
export function versionPage(ctx: PageCtx, cfg: PromptConfig, v: PromptVersion, isCurrent: boolean, message?: { ok: boolean; text: string }): Html {
  const body = html`<h1>Versi #${v.id}</h1><p><a href="/admin/prompts/riwayat">← Riwayat</a></p>
${message ? html`<pre class="${message.ok ? 'ok' : 'error'}" role="status">${message.text}</pre>` : ''}
<section class="card"><p>${localTime(cfg, v.appliedAt)} oleh ${v.author ?? '—'} · hash <code>${v.hash.slice(0, 12)}</code>${isCurrent ? html` · <b>versi yang berjalan</b>` : ''}</p>
${isCurrent ? '' : html`<form method="post" action="/admin/prompts/riwayat/${v.id}/rollback"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button type="submit" id="rollback">Kembalikan ke versi ini</button></form>`}
<h2>Perubahan dibanding versi sebelumnya</h2>${diffView(v.diff)}</section>`;
  return layout(ctx, `Versi ${v.id}`, '/admin/prompts', body);
}

