import { describe, expect, it } from 'vitest';
import { placeKeys, samePlace } from '../../core/routing/duplicates.js';

const ticket = (locationText: string, extra: { kelurahan?: string; latitude?: number; longitude?: number } = {}) => ({
  locationText, kelurahan: extra.kelurahan ?? null, latitude: extra.latitude ?? null, longitude: extra.longitude ?? null,
});

describe('a duplicate offer needs the same place, not shared words', () => {
  const cases: { name: string; newPlace: string; open: string; same: boolean; kelurahan?: [string, string] }[] = [
    { name: 'two garbage complaints that both say "rumah tangga" on different streets', newPlace: 'Jl. Sadia, rumah tangga', open: 'Jalan Yos Sudarso, rumah tangga', same: false },
    { name: 'the same street typed two ways', newPlace: 'jln sultan hasanuddin depan masjid', open: 'Jalan Sultan Hasanuddin', same: true },
    { name: 'the same street with and without the title', newPlace: 'Jl. Hasanuddin no 12', open: 'Jalan Sultan Hasanuddin', same: true },
    { name: 'the same landmark, once with its street', newPlace: 'depan Terminal Dara', open: 'Jl. Flamboyan depan Terminal Dara', same: true },
    { name: 'two different streets in the same kelurahan', newPlace: 'Jl. Kartini, kelurahan Paruga', open: 'Jl. Sudirman, kelurahan Paruga', same: false },
    { name: 'only the kelurahan in common', newPlace: 'kelurahan Paruga rt 02', open: 'kelurahan Paruga', same: false },
    { name: 'only the RT in common', newPlace: 'rt 03 rw 02', open: 'RT 03', same: false },
    { name: 'only "depan rumah" in common', newPlace: 'depan rumah saya', open: 'depan rumah', same: false },
    { name: 'the same mosque by its name', newPlace: 'samping masjid Al-Ikhlas', open: 'dekat Masjid Al Ikhlas Jl. Gajah Mada', same: true },
    { name: 'a mosque and a school that share a street-less name', newPlace: 'depan masjid Nurul Huda', open: 'depan SDN Nurul Huda', same: false },
    { name: 'the same gang', newPlace: 'gg melati rt 03', open: 'Gang Melati', same: true },
    { name: 'different numbered schools', newPlace: 'depan SDN 4', open: 'depan SDN 7', same: false },
    { name: 'the same street in different kelurahan', newPlace: 'Jalan Sudirman', open: 'Jalan Sudirman', same: false, kelurahan: ['Paruga', 'Sarae'] },
  ];
  it.each(cases)('$name → same place: $same', ({ newPlace, open, same, kelurahan }) => {
    const loc = { text: newPlace, ...(kelurahan ? { kelurahan: kelurahan[0] } : {}) };
    expect(samePlace(loc, ticket(open, kelurahan ? { kelurahan: kelurahan[1] } : {}), 150)).toBe(same);
  });

  it('map pins decide when both reports have one: within the radius is the same place, farther is not', () => {
    const open = ticket('Jalan Sultan Hasanuddin', { latitude: -8.4606, longitude: 118.7265 });
    expect(samePlace({ text: 'di sini', latitude: -8.4610, longitude: 118.7268 }, open, 150)).toBe(true);
    expect(samePlace({ text: 'Jalan Sultan Hasanuddin', latitude: -8.4800, longitude: 118.7400 }, open, 150)).toBe(false);
  });

  it('keys are the place\'s own names, without common words', () => {
    expect([...placeKeys('Jalan Yos Sudarso, rumah tangga')]).toEqual(['street:yos sudarso']);
    expect([...placeKeys('kelurahan Rabangodu Utara RT 07')]).toEqual([]);
    expect([...placeKeys("Perumahan Oi Fo'o blok C")]).toContain('landmark:perumahan oi foo');
  });
});
