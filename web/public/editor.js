/* global document, fetch */
// Prompts editor: check, test a message and save through the same validation
// and versioning as the CLI (PromptsService.check / apply).
(function () {
  'use strict';
  const form = document.getElementById('prompt-form');
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const editor = document.getElementById('editor');
  const result = document.getElementById('result');
  const file = form.dataset.file;

  const esc = (s) => String(s ?? '—').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  async function post(url, body) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    return res.json();
  }
  // Indonesian first; the validator's English text follows in small print for developers.
  function show(ok, text, lines, prefix) {
    result.className = 'result ' + (ok ? 'ok' : 'error');
    if (!lines || !lines.length) { result.textContent = (prefix || '') + text; return; }
    result.innerHTML = esc(prefix || '') + lines.map((l) => esc(l.text) + '\n  <small class="en">' + esc(l.detail) + '</small>').join('\n');
  }

  document.getElementById('check').addEventListener('click', async () => {
    const r = await post('/api/prompts/check', { file, text: editor.value });
    show(r.ok, r.message, r.lines);
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await post('/api/prompts/save', { file, text: editor.value });
    show(r.ok, r.message, r.lines, r.ok ? '' : 'Ditolak, tidak disimpan:\n');
  });

  const testForm = document.getElementById('test-form');
  const out = document.getElementById('test-result');
  testForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const message = document.getElementById('test-message').value;
    const r = await post('/api/prompts/test', { file, text: editor.value, message });
    if (!r.ok) { out.innerHTML = '<p class="error">' + esc(r.message) + '</p>'; return; }
    const c = r.classification;
    const route = r.route.kind === 'reject' ? 'ditolak oleh aturan ' + r.route.rule + ': ' + r.route.message
      : r.route.kind === 'triage' ? 'triase di ' + r.route.agency + ' (' + r.route.reason + (r.route.rule ? ', aturan ' + r.route.rule : '') + ')'
      : r.route.agency + ' — ' + r.route.agencyName + (r.route.rule ? ' (aturan ' + r.route.rule + ')' : ' (dinas bawaan kategori)');
    out.innerHTML = '<dl class="test-result">' +
      '<dt>Maksud</dt><dd id="t-intent">' + esc(c.intent) + '</dd>' +
      '<dt>Kategori</dt><dd id="t-category">' + esc(c.category) + (c.categoryLabel ? ' (' + esc(c.categoryLabel) + ')' : '') + ' · ' + Math.round(c.confidence * 100) + '%</dd>' +
      '<dt>Lokasi</dt><dd>' + esc(c.location && c.location.text) + (c.area ? ' · ' + esc([c.area.kelurahan, c.area.kecamatan].filter(Boolean).join(', ')) : '') + '</dd>' +
      '<dt>Rute</dt><dd id="t-route">' + esc(route) + '</dd></dl>';
  });
})();
