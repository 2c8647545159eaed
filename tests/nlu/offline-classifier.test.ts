import { describe, expect, it } from 'vitest';
import { createOfflineClassifier } from '../../core/nlu/offline.js';
import { areas, config, withKeywords } from './support/config.js';

const classifier = createOfflineClassifier({ config, areas });
const classify = (t: string) => classifier.classifySync(t);

describe('offline classifier: what citizens write', () => {
  it("'jln depan sdn 4 bolong gede' is a pothole complaint located at 'jln depan sdn 4', as typed", () => {
    const c = classify('jln depan sdn 4 bolong gede');
    expect(c).toMatchObject({ intent: 'lapor', category: 'jalan_rusak', source: 'offline' });
    expect(c.location?.text).toBe('jln depan sdn 4');
    expect(c.confidence).toBeGreaterThanOrEqual(config.city.triage_below_confidence);
  });

  it('a greeting followed by a complaint is a complaint', () => {
    const c = classify('assalamualaikum pak, sampah di gg melati udh seminggu gk diangkut');
    expect(c).toMatchObject({ intent: 'lapor', category: 'sampah' });
    expect(c.location?.text).toBe('gg melati');
  });

  it("'laporan saya kemarin sudah diproses belum?' asks for status, even when it names the topic", () => {
    expect(classify('laporan saya kemarin sudah diproses belum?')).toMatchObject({ intent: 'cek_status', category: null });
    expect(classify('laporan saya soal sampah sudah ditindaklanjuti?').intent).toBe('cek_status');
    expect(classify('cek bm 42').intent).toBe('cek_status');
  });

  it('a WhatsApp "P" and other bare greetings are sapaan', () => {
    for (const t of ['P', 'p', 'PPP', 'halo min', 'Assalamu\'alaikum wr wb', 'punten', 'selamat pagi pak']) {
      expect(classify(t).intent, t).toBe('sapaan');
    }
  });

  it('thanks, cancelling and questions get their own intents', () => {
    expect(classify('matur nuwun pak, lampunya sudah nyala').intent).toBe('terima_kasih');
    expect(classify('gak jadi lapor min').intent).toBe('batal');
    expect(classify('syarat bikin ktp apa aja?').intent).toBe('info');
    expect(classify('ktp saya udah 3 bulan blm jadi')).toMatchObject({ intent: 'lapor', category: 'kependudukan' });
  });

  it('spam and gibberish are lainnya', () => {
    for (const t of ['slot gacor maxwin daftar sekarang', 'asdfghjkl', '😂😂😂', 'promo pinjol cair cepat klik link bit.ly/xx']) {
      expect(classify(t).intent, t).toBe('lainnya');
    }
  });

  it.each([
    ['lampu abang nang perempatan', 'lalu_lintas', 'traffic lights'],
    ['lampu bangjo mati', 'lalu_lintas', 'traffic lights'],
    ['lampu stopan mati di simpang', 'lalu_lintas', 'traffic lights'],
    ['lampu traffic mati', 'lalu_lintas', 'traffic lights'],
    ['mati lampu', 'lainnya', 'a household power cut (PLN)'],
    ['lampu padam sekampung', 'lainnya', 'a household power cut (PLN)'],
    ['lampu rumah mati semua', 'lainnya', 'a household power cut (PLN)'],
    ['lampu jalan mati', 'lampu_jalan', 'a street light'],
    ['lampu jalan depan rumah mati', 'lampu_jalan', 'a street light'],
  ])("a citizen writing '%s' reports %s (%s)", (text, category) => {
    expect(classify(text)).toMatchObject({ intent: 'lapor', category });
  });

  it.each(['jhsgdjhsd kkk', 'wkwkwk kkkk', 'kkkkk'])("a citizen writing '%s' is laughing, not asking about a kartu keluarga", (text) => {
    const c = classify(text);
    expect(c.category).not.toBe('kependudukan');
    expect(c.intent).not.toBe('lapor');
  });

  it("'kk' alone still means kartu keluarga", () => {
    expect(classify('kk saya hilang')).toMatchObject({ intent: 'lapor', category: 'kependudukan' });
  });

  it('understands Javanese and Sundanese complaint words', () => {
    expect(classify('lampune mati kabeh, peteng banget').category).toBe('lampu_jalan');
    expect(classify('cai pdam teu acan ngocor ti kamari').category).toBe('air_bersih');
    expect(classify('kalen mampet, banyune mlebu omah').category).toBe('banjir_drainase');
  });

  it('resolves kelurahan against Kota Bima, tolerating typos, and gives its kecamatan', () => {
    expect(classify('air pdam mati di kel. penatoy').area).toEqual({ kelurahan: 'Penatoi', kecamatan: 'Mpunda' });
    expect(classify('jalan di RABANGODU UTARA rusak parah').area).toEqual({ kelurahan: 'Rabangodu Utara', kecamatan: 'Raba' });
    expect(classify('selokan mampet di kelurahan Dara').area).toEqual({ kelurahan: 'Dara', kecamatan: 'Rasanae Barat' });
  });

  it('does not take ordinary words for the short area names (Dara, Nae, Santi, Kolo, Melayu, Tanjung, Ule)', () => {
    expect(classify('santai aja min, nae motor ke pasar rusak jalannya').area).toBeNull();
    expect(classify('ada ule eh ular di dapur').area).toBeNull();
    expect(classify('banjir di tanjung').area).toEqual({ kelurahan: 'Tanjung', kecamatan: 'Rasanae Barat' });
  });

  it('extracts the place, not the sentence, and none when there is none', () => {
    expect(classify('lampu jalan dkt masjid Al-Ikhlas mati kabeh').location?.text).toBe('dkt masjid Al-Ikhlas');
    expect(classify('halo min, sampah di jl. kartini no.12 udh seminggu gk diangkut').location?.text).toBe('jl. kartini no.12');
    expect(classify('Jl. Dr. Soetomo banyak lubang').location?.text).toBe('Jl. Dr. Soetomo');
    const rt = classify('got mampet di rt 03 rw 05 kel sarae');
    expect(rt.location).toMatchObject({ rt: '03', rw: '05' });
    expect(rt.area).toEqual({ kelurahan: 'Sarae', kecamatan: 'Rasanae Barat' });
    expect(classify('air pdam mati udah 3 hari').location).toBeNull();
    expect(classify('lampu jalan mati semua').location).toBeNull();
  });

  it('when unsure it says so, with meaningful alternatives to offer the citizen', () => {
    const c = classify('ada masalah di kampung kami, tolong dicek');
    expect(c.confidence).toBeLessThan(config.city.min_confidence);
    const sure = classify('pohon tumbang menutup jalan');
    expect(sure.alternatives[0]).toMatchObject({ category: 'pohon_taman' });
    expect(sure.alternatives.every((a, i, all) => i === 0 || all[i - 1]!.score >= a.score)).toBe(true);
  });

  it('never throws, whatever arrives', () => {
    const weird = ['', '   ', '\u0000\u0001\u0002', '🙏🙏', "'; DROP TABLE tickets; --", 'a'.repeat(1_000_000),
      String.fromCharCode(...Array.from({ length: 3000 }, (_, i) => (i * 7919) % 65536)), 'jalan '.repeat(5000)];
    for (const t of weird) {
      const c = classify(t);
      expect(c.confidence).toBeGreaterThanOrEqual(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    expect(classify('').intent).toBe('lainnya');
    expect(classify(undefined as unknown as string).intent).toBe('lainnya');
  });

  it('admin keywords take effect as soon as the classifier is rebuilt', () => {
    const text = 'ada kandang babi di belakang rumah, kotorannya mengalir ke jalan';
    const before = classify(text);
    const edited = createOfflineClassifier({ config: withKeywords('sampah', { 'kandang babi': 6 }), areas });
    expect(before.category).not.toBe('sampah');
    expect(edited.classifySync(text)).toMatchObject({ intent: 'lapor', category: 'sampah' });
  });

  it('every keyword in prompts/categories.yaml, typed alone, lands in its own category', () => {
    const misses: string[] = [];
    for (const cat of config.categories) {
      for (const keyword of Object.keys(cat.keywords)) {
        const c = classifier.classifySync(keyword);
        if (c.category !== cat.id) misses.push(`${keyword} → ${c.category} (expected ${cat.id})`);
      }
    }
    expect(misses).toEqual([]);
  });
});
