import { describe, expect, it } from 'vitest';
import { at, BACKENDS, useStore } from './support.js';

describe.each(BACKENDS)('command-centre accounts and login throttle on $name', (backend) => {
  const t = useStore(backend);

  it('adds users once per name in any case, finds them by name in any case, lists them by name', async () => {
    const u = t.store.webUsers;
    const budi = await u.add('Budi', 'admin', 'scrypt$hash1', at());
    expect(budi).toEqual({ id: expect.any(Number), name: 'Budi', role: 'admin', disabled: false, createdAt: at() });
    await expect(u.add('budi', 'viewer', 'scrypt$hash2', at())).rejects.toThrow(/already exists.*users passwd budi/);
    expect(await u.byName('BUDI')).toEqual({ ...budi, passwordHash: 'scrypt$hash1' });
    expect(await u.byName('nobody')).toBeUndefined();
    await u.add('ani', 'viewer', 'h', at());
    await u.add('Citra', 'viewer', 'h', at());
    expect((await u.list()).map((x) => x.name)).toEqual(['ani', 'Budi', 'Citra']);
  });

  it('changes a password and disables an account, by name in any case', async () => {
    const u = t.store.webUsers;
    await u.add('Budi', 'admin', 'old', at());
    expect(await u.setPassword('budi', 'new')).toBe(true);
    expect(await u.setPassword('nobody', 'new')).toBe(false);
    expect((await u.byName('Budi'))!.passwordHash).toBe('new');
    expect(await u.setDisabled('BUDI', true)).toBe(true);
    expect((await u.byName('Budi'))!.disabled).toBe(true);
  });

  it('a session lasts until it expires, is extended by touching it, and ends with its user being disabled or deleted', async () => {
    const u = t.store.webUsers;
    const budi = await u.add('Budi', 'admin', 'h', at());
    await u.createSession('tok1', budi.id, 'csrf1', at(0), at(30));
    expect(await u.session('tok1', at(10))).toEqual({ user: budi, csrf: 'csrf1', expiresAt: at(30) });
    expect(await u.session('tok1', at(30))).toBeUndefined();
    await u.touchSession('tok1', at(60));
    expect((await u.session('tok1', at(45)))!.expiresAt).toBe(at(60));
    await u.setDisabled('Budi', true);
    expect(await u.session('tok1', at(45))).toBeUndefined();
    await u.setDisabled('Budi', false);
    await u.createSession('tok2', budi.id, 'csrf2', at(0), at(60));
    await u.deleteSession('tok1');
    expect(await u.session('tok1', at(1))).toBeUndefined();
    expect(await u.session('tok2', at(1))).toBeDefined();
    await u.deleteSessionsOf(budi.id);
    expect(await u.session('tok2', at(1))).toBeUndefined();
  });

  it('keeps an audit log, newest first, per ticket or all, limited', async () => {
    const u = t.store.webUsers;
    await u.audit({ at: at(1), userName: 'budi', action: 'login', ticketId: null, detail: null });
    await u.audit({ at: at(2), userName: 'budi', action: 'lihat_identitas', ticketId: 7, detail: 'nomor HP' });
    await u.audit({ at: at(3), userName: null, action: 'login_gagal', ticketId: null, detail: '10.0.0.1' });
    expect((await u.auditLog({})).map((e) => e.action)).toEqual(['login_gagal', 'lihat_identitas', 'login']);
    expect(await u.auditLog({ ticketId: 7 })).toEqual([
      { id: expect.any(Number), at: at(2), userName: 'budi', action: 'lihat_identitas', ticketId: 7, detail: 'nomor HP' },
    ]);
    expect(await u.auditLog({ limit: 1 })).toHaveLength(1);
  });

  it('remembers failed logins per key, replaces them, forgets them, and prunes old ones', async () => {
    const l = t.store.loginThrottle;
    expect(await l.get('budi')).toBeUndefined();
    await l.put('budi', { failures: 1, lastFailureAt: at(1), nextAllowedAt: at(2) });
    await l.put('budi', { failures: 2, lastFailureAt: at(3), nextAllowedAt: at(5) });
    expect(await l.get('budi')).toEqual({ failures: 2, lastFailureAt: at(3), nextAllowedAt: at(5) });
    await l.put('10.0.0.1', { failures: 5, lastFailureAt: at(1), nextAllowedAt: at(90) });
    await l.put('ani', { failures: 1, lastFailureAt: at(1), nextAllowedAt: at(1) });
    await l.prune(at(10));
    expect(await l.get('budi')).toBeUndefined();
    expect(await l.get('ani')).toBeUndefined();
    expect(await l.get('10.0.0.1')).toBeDefined();
    await l.remove('10.0.0.1');
    expect(await l.get('10.0.0.1')).toBeUndefined();
  });
});
