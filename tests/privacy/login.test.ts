/**
 * Logins that hold: the throttle cannot be bypassed by spelling the name
 * differently, does not forget, cannot be turned into a lockout of the real
 * admin, and survives a restart. Redirects after login stay on this site.
 */
import { createSqliteGate as createGate } from '../../store/sqlite/gate.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/sqlite/database.js';
import { createLoginThrottleRepo } from '../../store/sqlite/login-throttle.js';
import { CLIENT_POLICY, createLoginThrottle, NAME_POLICY } from '../../web/auth.js';
import { safeNext } from '../../web/middleware/redirect.js';
import { Client, PASSWORDS, startHarness, type WebHarness } from '../web/support.js';

const dir = mkdtempSync(join(tmpdir(), 'suarawarga-throttle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function throttleOn(file: string, clock: { t: number }) {
  const db = openDatabase(join(dir, file));
  return { db, throttle: createLoginThrottle(createGate(db).wrap(createLoginThrottleRepo(db)), () => new Date(clock.t)) };
}

describe('the login throttle', () => {
  it('survives a restart of the service', async () => {
    const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
    const first = throttleOn('restart.db', clock);
    for (let i = 0; i <= NAME_POLICY.free; i++) await first.throttle.fail('admin', '203.0.113.5');
    expect(await first.throttle.waitMs('admin', '198.51.100.7')).toBeGreaterThan(0);
    first.db.close();
    const again = throttleOn('restart.db', clock);
    expect(await again.throttle.waitMs('admin', '198.51.100.7')).toBe(NAME_POLICY.baseMs);
    again.db.close();
  });

  it('a stranger failing as "admin" a thousand times makes the real admin wait minutes at most, never a lockout', async () => {
    const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
    const { db, throttle } = throttleOn('lockout.db', clock);
    for (let i = 0; i < 1000; i++) await throttle.fail('admin', '203.0.113.5');
    // The stranger's own address waits the longest; the admin elsewhere only the name's short delay.
    expect(await throttle.waitMs('siapa', '203.0.113.5')).toBe(CLIENT_POLICY.maxMs);
    const adminWait = await throttle.waitMs('admin', '198.51.100.7');
    expect(adminWait).toBeGreaterThan(0);
    expect(adminWait).toBeLessThanOrEqual(NAME_POLICY.maxMs);
    clock.t += adminWait;
    expect(await throttle.waitMs('admin', '198.51.100.7')).toBe(0);
    db.close();
  });

  it('does not forget a name when ten thousand other keys are tried', async () => {
    const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
    const { db, throttle } = throttleOn('many.db', clock);
    for (let i = 0; i <= NAME_POLICY.free; i++) await throttle.fail('admin', '203.0.113.5');
    for (let i = 0; i < 10_001; i++) await throttle.fail(`nama${i}`, `10.${i >> 16 & 255}.${i >> 8 & 255}.${i & 255}`);
    expect(await throttle.waitMs('admin', '198.51.100.7')).toBeGreaterThan(0);
    db.close();
  });

  it('counts a whole IPv6 /64 as one client', async () => {
    const clock = { t: Date.parse('2026-11-23T02:00:00Z') };
    const { db, throttle } = throttleOn('v6.db', clock);
    for (let i = 0; i <= CLIENT_POLICY.free; i++) await throttle.fail(`nama${i}`, `2001:db8:1:2::${i.toString(16)}`);
    expect(await throttle.waitMs('lain', '2001:db8:1:2:ffff::1')).toBeGreaterThan(0);
    expect(await throttle.waitMs('lain', '2001:db8:1:3::1')).toBe(0);
    db.close();
  });
});

describe('logging in through the command centre', () => {
  let h: WebHarness;
  beforeAll(async () => { h = await startHarness({ TRUST_PROXY: 'true' }); });
  afterAll(async () => h.close());

  const attempt = (name: string, password: string, client: string, next = '/') =>
    new Client(h.web.url).form('/login', { name, password, next }, { csrf: false, headers: { 'x-forwarded-for': client } });

  it('" admin", "admin\\t", "\\ufeffadmin", "ADMIN" and full-width "ａｄｍｉｎ" are the same name to the throttle', async () => {
    const spellings = ['admin', ' admin', 'admin\t', '\ufeffadmin', 'ADMIN', 'ａｄｍｉｎ'];
    for (const [i, name] of spellings.entries()) {
      expect((await attempt(name, `salah-${i}`, `192.0.2.${i + 1}`)).status).toBe(400);
    }
    // Six failures from six addresses: the name now waits, even with the right password.
    const refused = await attempt('admin', PASSWORDS.admin, '192.0.2.100');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('coba lagi dalam');
  });

  it('one client guessing many names is slowed down too', async () => {
    for (let i = 0; i <= CLIENT_POLICY.free; i++) expect((await attempt(`tamu${i}`, 'salah-sekali', '192.0.2.200')).status).toBe(400);
    expect((await attempt('viewer', PASSWORDS.viewer, '192.0.2.200')).status).toBe(429);
    expect((await attempt('viewer', PASSWORDS.viewer, '192.0.2.201')).status).toBe(303);
  });

  it.each([
    ['/%09/evil.example'], ['/\t/evil.example'], ['//evil.example'], ['/\\evil.example'], ['/%5Cevil.example'], ['https://evil.example'],
    ['/\u0000x'], ['/%2F%2Fevil.example'],
  ])('after login, next=%j stays on this site', async (next) => {
    const res = await attempt('viewer', PASSWORDS.viewer, '192.0.2.250', next);
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(new URL(location, h.web.url).origin).toBe(new URL(h.web.url).origin);
    expect(location).toBe('/');
  });

  it('keeps a same-site next with its query', async () => {
    expect(safeNext('/tiket/12?ok=1#riwayat')).toBe('/tiket/12?ok=1#riwayat');
    const res = await attempt('viewer', PASSWORDS.viewer, '192.0.2.251', '/statistik?days=7');
    expect(res.headers.get('location')).toBe('/statistik?days=7');
  });
});

describe('parallel guesses', () => {
  let h: WebHarness;
  beforeAll(async () => { h = await startHarness({ TRUST_PROXY: 'true' }); });
  afterAll(async () => h.close());

  it('twenty guesses at once get no more than the free attempts checked', async () => {
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      new Client(h.web.url).form('/login', { name: 'admin', password: `tebakan-${i}`, next: '/' }, { csrf: false, headers: { 'x-forwarded-for': `198.51.100.${i + 1}` } })));
    const checked = tries.filter((r) => r.status === 400).length;
    expect(checked).toBeLessThanOrEqual(NAME_POLICY.free + 1);
    expect(tries.filter((r) => r.status === 429).length).toBe(20 - checked);
  });
});
