import { describe, expect, it } from 'vitest';
import { at, BACKENDS, useStore } from './support.js';

describe.each(BACKENDS)('prompt versions and trusted reporters on $name', (backend) => {
  const t = useStore(backend);

  it('keeps prompt versions: the latest with its files, a list without them, newest first', async () => {
    const s = t.store;
    expect(await s.promptVersions.latest()).toBeUndefined();
    const v1 = await s.promptVersions.insert({ appliedAt: at(1), author: null, hash: 'h1', files: { 'a.yaml': 'x: 1\n' }, diff: '' });
    const v2 = await s.promptVersions.insert({ appliedAt: at(2), author: 'admin', hash: 'h2', files: { 'a.yaml': 'x: 2\n', 'b.md': 'Halo' }, diff: '-x: 1\n+x: 2' });
    expect(v2.id).toBeGreaterThan(v1.id);
    expect(await s.promptVersions.latest()).toEqual(v2);
    expect(await s.promptVersions.get(v1.id)).toEqual(v1);
    expect(await s.promptVersions.get(9999)).toBeUndefined();
    expect(await s.promptVersions.list(10)).toEqual([
      { id: v2.id, appliedAt: at(2), author: 'admin', hash: 'h2', diff: '-x: 1\n+x: 2' },
      { id: v1.id, appliedAt: at(1), author: null, hash: 'h1', diff: '' },
    ]);
    expect(await s.promptVersions.list(1)).toHaveLength(1);
  });

  it('adds, updates, lists (by kelurahan, RW, RT, empty first) and removes trusted reporters', async () => {
    const s = t.store;
    const base = { channel: 'telegram', rt: '01', rw: '02', kelurahan: 'Sidodadi', kecamatan: 'Samarinda Ulu' };
    const pak = await s.trustedReporters.add({ ...base, address: '1', name: 'Pak RT' });
    expect(pak).toEqual({ id: expect.any(Number), ...base, address: '1', name: 'Pak RT' });
    const renamed = await s.trustedReporters.add({ ...base, address: '1', name: 'Pak RT 01', rt: '03' });
    expect(renamed).toEqual({ ...pak, name: 'Pak RT 01', rt: '03' });
    const none = await s.trustedReporters.add({ ...base, address: '2', name: 'Tanpa kelurahan', kelurahan: null });
    const bugis = await s.trustedReporters.add({ ...base, address: '3', name: 'Bu RT', kelurahan: 'Bugis' });
    expect((await s.trustedReporters.list()).map((r) => r.id)).toEqual([none.id, bugis.id, pak.id]);
    expect(await s.trustedReporters.find('telegram', '1')).toEqual(renamed);
    expect(await s.trustedReporters.find('whatsapp', '1')).toBeUndefined();
    expect(await s.trustedReporters.remove(pak.id)).toBe(true);
    expect(await s.trustedReporters.remove(pak.id)).toBe(false);
  });
});
