/**
 * The command centre in a real browser: Debian's /usr/bin/chromium driven by
 * playwright-core (no downloaded browser, no network beyond loopback).
 * Skipped, with a message, only when /usr/bin/chromium is absent (CI installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileTicket, PASSWORDS, startHarness, type WebHarness } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`[tests/web/browser] SKIPPED: ${CHROMIUM} is missing; install it with: apt-get update && apt-get install -y chromium`);
}

describe.skipIf(!available)('command centre in Chromium', () => {
  let h: WebHarness;
  let context: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    h = await startHarness();
    // A few tickets so the board and the screenshot show something real.
    await fileTicket(h.app, { category: 'jalan_rusak', agency: 'PUPR', kecamatan: 'Rasanae Barat', description: 'Jalan berlubang besar di depan SDN 3, sudah dua motor jatuh', latitude: -8.458, longitude: 118.726 });
    h.t.clock.advance(5 * 24 * 3_600_000);
    await fileTicket(h.app, { category: 'lampu_jalan', agency: 'DISHUB', kecamatan: 'Mpunda', description: 'Lampu PJU mati sepanjang jalan Soekarno Hatta', latitude: -8.47, longitude: 118.74 });
    await fileTicket(h.app, { category: 'lainnya', agency: 'KOMINFO', triage: true, description: 'Mohon info jadwal pelayanan keliling' });
    await fileTicket(h.app, { category: 'sampah', agency: 'DLH', kecamatan: 'Asakota', description: 'Sampah menumpuk di TPS Pasar Raya belum diangkut' });
    const done = await fileTicket(h.app, { category: 'sampah', agency: 'DLH', kecamatan: 'Asakota', kelurahan: 'Melayu', description: 'Sampah di pinggir pantai Melayu', latitude: -8.44, longitude: 118.71 });
    await h.app.tickets.act(done.id, 'ambil', { actor: { type: 'staff', id: '7', name: 'Rina' } });
    await h.app.tickets.act(done.id, 'selesaikan', { actor: { type: 'staff', id: '7', name: 'Rina' }, note: 'Sudah diangkut truk DLH pagi ini' });
    profile = mkdtempSync(join(tmpdir(), 'suarawarga-chromium-'));
    // An empty profile (--user-data-dir, which playwright passes for a persistent context).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    // Nothing may leave the machine: fail any request that is not to our server.
    await context.route((url) => !url.href.startsWith(h.web.url), (route) => route.abort());
    page = context.pages()[0] ?? await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await h?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('logs in', async () => {
    await page.goto(`${h.web.url}/`);
    expect(page.url()).toContain('/login');
    await page.fill('input[name=name]', 'admin');
    await page.fill('input[name=password]', 'salah-salah-123');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('.error')).toContain('salah');
    await page.fill('input[name=name]', 'admin');
    await page.fill('input[name=password]', PASSWORDS.admin);
    await page.click('button[type=submit]');
    await page.waitForSelector('#tickets');
    expect(await page.textContent('h1')).toContain('Papan tiket');
  });

  it('shows a new ticket live, without reloading', async () => {
    await page.waitForSelector('body[data-live=on]');
    const before = await page.locator('#tickets tr').count();
    const t = await fileTicket(h.app, { category: 'air_bersih', agency: 'PDAM', kecamatan: 'Raba', description: 'Air PDAM tidak mengalir sejak pagi' });
    await page.waitForSelector(`#tickets tr[data-id="${t.id}"]`, { timeout: 10_000 });
    expect(await page.locator('#tickets tr').count()).toBe(before + 1);
    expect(await page.textContent(`#tickets tr[data-id="${t.id}"]`)).toContain('Air PDAM tidak mengalir');
  });

  it('filters by agency', async () => {
    await page.selectOption('select[name=agency]', 'PUPR');
    await page.waitForURL(/agency=PUPR/);
    const agencies = await page.locator('#tickets tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-agency')));
    expect(agencies.length).toBeGreaterThan(0);
    expect(new Set(agencies)).toEqual(new Set(['PUPR']));
    await page.goto(`${h.web.url}/`);
  });

  it('takes a screenshot of the board for the README', async () => {
    await page.waitForSelector('body[data-live=on]');
    mkdirSync('docs', { recursive: true });
    // Tests never write into the repository; UPDATE_SCREENSHOT=1 refreshes the README's picture.
    const shot = process.env.UPDATE_SCREENSHOT === '1' ? 'docs/board.png' : join(tmpdir(), `suarawarga-board-${process.pid}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  });

  it('shows the map with Leaflet from the app and no tile server, a ticket without a pin drawn as approximate at its kecamatan', async () => {
    await page.goto(`${h.web.url}/peta`);
    await page.waitForSelector('#map[data-points]');
    // Three tickets with a pin; the Asakota one without a pin sits at the median of Asakota's pins.
    expect(await page.getAttribute('#map', 'data-points')).toBe('4');
    expect(await page.getAttribute('#map', 'data-approximate')).toBe('1');
    expect(await page.locator('.leaflet-interactive.exact').count()).toBe(3);
    expect(await page.locator('.leaflet-interactive.approximate').count()).toBe(1);
    expect(await page.textContent('.leaflet-pane')).toContain('melayu');
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
  });

  it('refuses a prompts edit with a mistake and applies a good one', async () => {
    await page.goto(`${h.web.url}/admin/prompts?file=routing.yaml`);
    const original = await page.inputValue('#editor');
    await page.fill('#editor', original.replace(/^(\s+agency: )[A-Z]+/m, '$1TIDAKADA'));
    await page.click('#save');
    await expect.poll(() => page.textContent('#result')).toContain('unknown agency "TIDAKADA"');
    expect(await page.textContent('#result')).toContain('Ditolak');
    expect(await page.textContent('#result')).toContain('kode dinas "TIDAKADA" tidak dikenal');
    expect(await page.textContent('#result small.en')).toContain('unknown agency "TIDAKADA"');
    expect(h.app.prompts.files()['routing.yaml']).toBe(original);

    const good = original.replace(/^rules:\s*$/m, 'rules:\n  - name: sampah-pasar-raya-ke-pupr\n    when:\n      category: sampah\n      keywords_any: [pasar raya]\n    agency: PUPR');
    await page.fill('#editor', good);
    await page.fill('#test-message', 'sampah numpuk di pasar raya belum diangkut');
    await page.click('#test');
    await expect.poll(() => page.textContent('#t-route')).toContain('PUPR');
    expect(await page.textContent('#t-category')).toContain('sampah');
    await page.click('#save');
    await expect.poll(() => page.textContent('#result')).toContain('Tersimpan sebagai versi');
    expect(h.app.prompts.current().rules.some((r) => r.name === 'sampah-pasar-raya-ke-pupr')).toBe(true);
  });

  const PAGES = [
    { name: 'papan', path: '/' }, { name: 'peta', path: '/peta' }, { name: 'statistik', path: '/statistik' },
    { name: 'tiket', path: '/tiket/1' }, { name: 'editor', path: '/admin/prompts' }, { name: 'saluran', path: '/admin/saluran' },
    { name: 'audit', path: '/admin/audit' }, { name: 'riwayat', path: '/admin/prompts/riwayat' }, { name: 'layar', path: '/layar' },
    { name: 'publik', path: '/publik' },
  ];

  it.each(PAGES)('fits a 390 px phone without sideways scrolling: $path', async ({ name, path }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${h.web.url}${path}`);
      await page.waitForLoadState('load');
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.scroll, `${path} is ${widths.scroll} px wide`).toBeLessThanOrEqual(widths.client);
      const dir = process.env.UPDATE_SCREENSHOT === '1' ? 'docs' : tmpdir();
      await page.screenshot({ path: join(dir, `${name}-390${process.env.UPDATE_SCREENSHOT === '1' ? '' : `-${process.pid}`}.png`), fullPage: name !== 'layar' });
      await page.setViewportSize({ width: 1360, height: 900 });
      await page.goto(`${h.web.url}${path}`);
      await page.waitForLoadState('load');
      await page.screenshot({ path: join(dir, `${name}-1360${process.env.UPDATE_SCREENSHOT === '1' ? '' : `-${process.pid}`}.png`), fullPage: name !== 'layar' });
    } finally {
      await page.setViewportSize({ width: 1360, height: 900 });
    }
  });

  it('opens the menu on a phone and reaches every admin page from it', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${h.web.url}/`);
      expect(await page.isVisible('#nav a[href="/admin/audit"]')).toBe(false);
      await page.click('label.nav-button');
      for (const href of ['/peta', '/statistik', '/admin/saluran', '/admin/audit']) expect(await page.isVisible(`#nav a[href="${href}"]`), href).toBe(true);
      expect(await page.isVisible('header.top .logout button')).toBe(true);
    } finally {
      await page.setViewportSize({ width: 1360, height: 900 });
    }
  });

  it('shows the wall screen filled from the live feed, without scrolling, and a new ticket appears', async () => {
    await page.goto(`${h.web.url}/layar`);
    await page.waitForSelector('body[data-live=on][data-loaded=yes]');
    expect(await page.textContent('#wall-counters')).toContain('DLH');
    const t = await fileTicket(h.app, { category: 'kebakaran', agency: 'DAMKAR', emergency: true, description: 'Kebakaran rumah di Tanjung' });
    await page.waitForSelector(`#wall-newest li[data-id="${t.id}"].emergency`, { timeout: 10_000 });
    expect(await page.textContent('#wall-emergency')).toContain('darurat');
    const fits = await page.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight);
    expect(fits).toBe(true);
  });

  it('shows a newest-tickets list longer than the wall a page at a time instead of scrolling', async () => {
    for (let i = 0; i < 40; i++) await fileTicket(h.app, { category: 'sampah', agency: 'DLH', description: `Sampah menumpuk nomor ${i}` });
    const before = page.viewportSize();
    await page.setViewportSize({ width: 1280, height: 600 });
    await page.goto(`${h.web.url}/layar`);
    await page.waitForSelector('body[data-loaded=yes]');
    const panel = await page.evaluate(() => {
      const p = document.querySelector<HTMLElement>('.wall-newest')!;
      const shown = Array.from(p.querySelectorAll('li')).filter((li) => !li.hidden).length;
      return { pages: Number(p.dataset.pages), shown, fits: p.scrollHeight <= p.clientHeight + 1 };
    });
    expect(panel.pages).toBeGreaterThan(1);
    expect(panel.shown).toBeGreaterThan(0);
    expect(panel.fits).toBe(true);
    if (before) await page.setViewportSize(before);
  });

  it('shows the public page without a login, with the redacted closing note', async () => {
    const anon = await context.browser()?.newContext() ?? context;
    const p = anon === context ? await context.newPage() : await anon.newPage();
    try {
      await p.goto(`${h.web.url}/publik`);
      expect(p.url()).toContain('/publik');
      expect(await p.textContent('h1')).toContain('Kinerja layanan');
      expect(await p.textContent('#public-resolved')).toContain('Sudah diangkut truk DLH');
    } finally {
      await p.close();
    }
  });
});
