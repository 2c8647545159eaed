/**
 * Pulls the place out of a complaint: street (Jalan X No. 5, km 3), gang,
 * RT/RW, kelurahan/desa/dusun/kecamatan, perumahan/kompleks/blok, landmarks
 * ("depan pasar Raya", "dekat masjid Al-Ikhlas", "samping SDN 4") and the
 * city's area names. Returns the place itself, not the sentence, and null when
 * the message names no place, so the conversation knows to ask for one.
 */
import type { ExtractedLocation } from './types.js';
import type { NormalizedText } from './normalize.js';
import type { AreaHit } from './areas.js';

type Kind = 'street' | 'gang' | 'rtrw' | 'admin' | 'housing' | 'landmark' | 'area' | 'bare-street';

interface Chunk {
  start: number;
  end: number;
  kind: Kind;
}

const RELATIVE = new Set(['depan', 'dekat', 'samping', 'sebelah', 'belakang', 'seberang', 'sekitar', 'ujung', 'pinggir', 'sepanjang',
  'arah', 'menuju', 'antara', 'seputaran', 'kawasan', 'area', 'lingkar', 'pojok', 'tikungan', 'turunan', 'tanjakan', 'atas', 'bawah', 'dalam', 'luar']);
const ADMIN = new Set(['kelurahan', 'desa', 'dusun', 'kecamatan', 'lingkungan', 'kampung', 'dukuh', 'lk']);
const HOUSING = new Set(['perumahan', 'kompleks', 'btn', 'blok', 'asrama', 'griya', 'villa', 'residence', 'perum', 'rusun', 'rusunawa']);
const LANDMARKS = new Set(['pasar', 'masjid', 'musholla', 'mushola', 'musala', 'langgar', 'surau', 'gereja', 'pura', 'vihara', 'klenteng',
  'sekolah', 'sd', 'sdn', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'mi', 'min', 'mts', 'mtsn', 'man', 'tk', 'paud', 'kampus',
  'universitas', 'kantor', 'puskesmas', 'pustu', 'rsud', 'klinik', 'posyandu', 'terminal', 'pelabuhan', 'bandara', 'stasiun', 'lapangan',
  'stadion', 'alun', 'taman', 'jembatan', 'spbu', 'pom', 'bank', 'atm', 'toko', 'warung', 'minimarket', 'indomaret', 'alfamart', 'mall',
  'hotel', 'polsek', 'polres', 'koramil', 'kodim', 'bundaran', 'tugu', 'pantai', 'makam', 'kuburan', 'tpu', 'pertigaan', 'perempatan',
  'simpang', 'gapura', 'gedung', 'pondok', 'pesantren', 'ponpes', 'balai', 'dermaga', 'sungai', 'kali', 'bendungan', 'embung', 'gor',
  'rumah', 'rm', 'cafe', 'kafe', 'kios', 'ruko', 'bengkel', 'apotek', 'pos', 'tps', 'pasar', 'kolam', 'lapas', 'kejaksaan',
  'pengadilan', 'dinas', 'kantor', 'swalayan', 'supermarket', 'koperasi', 'tambak', 'sawah', 'bukit', 'gunung', 'pantai', 'teluk', 'jalur',
  'bandara', 'rsu', 'rs', 'pkm', 'gudang', 'pabrik', 'wisma', 'aula', 'musium', 'museum', 'istana', 'pendopo', 'lorong']);
/** Landmark nouns that need a name or a relative word to count ("rumah" alone is not a place). */
const NEEDS_NAME = new Set(['rumah', 'kantor', 'lampu', 'toko', 'warung', 'sekolah', 'gedung', 'kali', 'sungai', 'jalur', 'dinas', 'pos', 'kolam', 'sawah', 'bukit', 'gunung', 'rs']);
/** Words allowed after a landmark noun because they are part of the name. */
const NAME_PARTS = new Set(['raya', 'besar', 'baru', 'lama', 'utama', 'agung', 'timur', 'barat', 'utara', 'selatan', 'tengah', 'kota',
  'al', 'an', 'nur', 'walikota', 'lurah', 'camat', 'bersalin', 'dinas', 'tua', 'kecil', 'ikhlas', 'muda']);
/** Words that end a name: grammar, problems, time and people. */
const NAME_STOP = new Set(['yang', 'yg', 'sudah', 'belum', 'tidak', 'ada', 'sangat', 'banget', 'masih', 'sering', 'selalu', 'terus', 'lagi',
  'dan', 'atau', 'tapi', 'karena', 'jadi', 'sejak', 'sampai', 'hingga', 'mohon', 'tolong', 'segera', 'pak', 'bu', 'admin', 'saya', 'kami',
  'kita', 'warga', 'anak', 'orang', 'di', 'ke', 'dari', 'pada', 'untuk', 'dengan', 'ini', 'itu', 'sini', 'situ', 'sana', 'tersebut',
  'kemarin', 'tadi', 'sekarang', 'hari', 'minggu', 'bulan', 'tahun', 'malam', 'pagi', 'siang', 'sore', 'jam', 'waktu', 'saat', 'kalau',
  'rusak', 'berlubang', 'lubang', 'mati', 'bocor', 'banjir', 'macet', 'gelap', 'bau', 'kotor', 'mampet', 'tersumbat', 'tumbang',
  'roboh', 'parah', 'hancur', 'menumpuk', 'numpuk', 'tergenang', 'genangan', 'kebakaran', 'terbakar', 'longsor', 'sampah', 'air',
  'becek', 'licin', 'retak', 'amblas', 'bolong', 'keruh', 'kering', 'berisik', 'bising', 'liar', 'banyak', 'sekali', 'juga', 'pun', 'kok',
  'sih', 'dong', 'deh', 'nih', 'tuh', 'ya', 'lah', 'kah', 'mau', 'bisa', 'harus', 'perlu', 'akan', 'sedang', 'lagi', 'baru', 'sudah',
  'jalan', 'gang', 'rt', 'rw', 'nomor', 'depan', 'dekat', 'samping', 'sebelah', 'belakang', 'seberang', 'kelurahan', 'kecamatan',
  'desa', 'dusun', 'membuat', 'bikin', 'menyebabkan', 'sehingga', 'bahaya', 'membahayakan', 'mengganggu', 'terganggu', 'susah', 'sulit',
  'dilewati', 'lewat', 'lewati', 'pengendara', 'motor', 'mobil', 'truk', 'kendaraan', 'jatuh', 'kecelakaan', 'tiap', 'setiap', 'semua',
  'beberapa', 'dua', 'tiga', 'empat', 'lima', 'satu', 'sepuluh', 'sudah', 'lama', 'kondisi', 'keadaan', 'sekitarnya', 'tengah', 'meter',
  'halo', 'selamat', 'permisi', 'assalamualaikum', 'terima', 'kasih', 'laporan', 'lapor', 'melaporkan', 'pengaduan', 'info', 'min',
  'penuh', 'meluap', 'pohon', 'tiang', 'kabel', 'pipa', 'pdam', 'angkot', 'parkir', 'pedagang', 'pkl', 'ditangani', 'diperbaiki',
  'diangkut', 'dibuang', 'dibakar', 'warganya', 'mengalir', 'nyala', 'menyala', 'padam', 'berkedip', 'kedip', 'dipasang', 'tolong', 'cepat']);

/** Frequent words of complaints that are never names (lower case). */
const COMMON = new Set(['kosong', 'jarang', 'nolak', 'menolak', 'kumuh', 'ketus', 'judes', 'sempit', 'lebar', 'raya', 'ambrol', 'doyong',
  'miring', 'bengkok', 'patah', 'pecah', 'jebol', 'bolong', 'item', 'hitam', 'coklat', 'keruh', 'lama', 'lambat', 'mahal', 'murah', 'jelek',
  'buruk', 'bagus', 'baik', 'kecil', 'besar', 'gede', 'tinggi', 'rendah', 'panjang', 'pendek', 'dalam', 'dangkal', 'penuh', 'habis',
  'tutup', 'buka', 'terbuka', 'tertutup', 'ramai', 'sepi', 'gelap', 'terang', 'panas', 'dingin', 'basah', 'kering', 'licin', 'becek',
  'berdebu', 'debu', 'lumpur', 'tanah', 'batu', 'kayu', 'besi', 'kabel', 'listrik', 'negeri', 'swasta', 'online', 'error', 'offline',
  'pasien', 'dokter', 'perawat', 'guru', 'murid', 'siswa', 'pegawai', 'petugas', 'pedagang', 'pembeli', 'pengendara', 'penumpang',
  'takut', 'resah', 'marah', 'kesal', 'capek', 'susah', 'mudah', 'sering', 'jarang', 'kadang', 'selalu', 'pernah', 'kemana', 'dimana',
  'mana', 'apa', 'siapa', 'kenapa', 'kapan', 'bagaimana', 'berapa', 'semua', 'kabeh', 'total', 'parah', 'sekali', 'doang', 'saja',
  'minta', 'tolong', 'harap', 'segera', 'cepat', 'pelan', 'lagi', 'masih', 'tetap', 'belum', 'sudah', 'baru', 'lama', 'kotor', 'bersih',
  'angin', 'hujan', 'panas', 'api', 'asap', 'air', 'banyu', 'jalanan', 'kolam', 'lubang', 'genangan', 'sampah', 'kena', 'buat', 'bikin',
  'pakai', 'pake', 'jadi', 'mau', 'kok', 'nih', 'terus', 'trus', 'setiap', 'tiap', 'orang', 'warga', 'anak', 'bayi', 'ibu', 'bapak',
  'nenek', 'kakek', 'korban', 'motor', 'mobil', 'truk', 'bus', 'angkot', 'sepeda', 'rumah', 'kampung', 'kota', 'umum', 'utama',
  'alternatif', 'setapak', 'lingkungan', 'protokol', 'poros', 'provinsi', 'nasional', 'negara', 'menuju', 'antar', 'pinggir', 'tengah',
  'ujung', 'alamat', 'peteng', 'ora', 'urup', 'pisan', 'pol', 'banget', 'bgt', 'itu', 'ini', 'tersebut', 'kami', 'kita', 'saya', 'aku']);

/** Lower-case words with verb or noun affixes ("dipangkas", "baunya", "ditambal") are not names. */
function looksAffixed(w: string): boolean {
  return w.length >= 6 && (/^(di|ter|ber|mem|men|meng|meny)\p{L}{3,}$/u.test(w) || /\p{L}{3,}(nya|kan)$/u.test(w));
}

/** Titles in names, often followed by a full stop ("Jl. Dr. Soetomo", "Masjid H. Ahmad"). */
const TITLES = new Set(['dr', 'ir', 'kh', 'h', 'hj', 'prof', 'st', 'kol', 'kapt', 'jend', 'mt', 'tgh', 'drs', 'letjen', 'mayjen', 'brigjen']);

/** Street names that look like affixed words. */
const STREET_NAMES = new Set(['diponegoro', 'dipenogoro', 'menteng', 'bermis', 'teratai', 'terusan']);

const ACRONYMS = new Set(['sdn', 'sd', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'mi', 'min', 'mts', 'mtsn', 'man', 'tk', 'rt', 'rw',
  'rsud', 'tps', 'spbu', 'pdam', 'btn', 'paud', 'gor', 'rsu', 'atm', 'bri', 'bni', 'bca', 'bpjs', 'rm', 'lk', 'tpu', 'pkm', 'kua']);

/** "lampu jalan", "badan jalan": the word jalan that is not an address. */
const NOT_STREET_BEFORE = new Set(['lampu', 'penerangan', 'bahu', 'badan', 'rambu', 'marka', 'lalu', 'pejalan', 'tiang', 'pinggiran']);

const STREET_TAIL = new Set(['nomor', 'km', 'blok']);

function isNumber(w: string | undefined): boolean {
  return w !== undefined && /^\d{1,4}$/.test(w);
}

/** The location extractor, given words that are known not to be names (learned from labelled data). */
export function createLocationExtractor(extraStopWords: ReadonlySet<string> = new Set()) {
  const stop = (w: string) => NAME_STOP.has(w) || extraStopWords.has(w) || COMMON.has(w);

  /** Extends a name from `i` over up to `max` name-like words; stops at punctuation. */
  function nameEnd(t: NormalizedText, i: number, max: number, allowStopParts = false): number {
    let j = i;
    let taken = 0;
    while (j < t.words.length && taken < max) {
      const w = t.words[j]!;
      if (RELATIVE.has(w) || ADMIN.has(w)) break;
      const tok = t.tokens[t.wordToken[j]!]!;
      const capital = /^\p{Lu}/u.test(tok.raw) && !t.allCaps;
      if (!capital && !isNumber(w) && !(allowStopParts && NAME_PARTS.has(w))) {
        if (stop(w) || (looksAffixed(w) && !STREET_NAMES.has(w))) break;
      }
      j++;
      taken++;
      if (t.tokens[t.wordToken[j - 1]!]!.breakAfter && t.wordToken[j - 1] !== t.wordToken[j] && !TITLES.has(w)) break;
    }
    return j;
  }

  /** Adds "No. 12", "km 5", "blok C" after a street. */
  function streetTail(t: NormalizedText, j: number): number {
    while (j < t.words.length - 1 && STREET_TAIL.has(t.words[j]!) && /^[\dA-Za-z]{1,4}$/.test(t.words[j + 1]!)) j += 2;
    return j;
  }

  function chunksOf(t: NormalizedText, areaHits: readonly AreaHit[]): Chunk[] {
    const out: Chunk[] = [];
    const w = t.words;
    for (let i = 0; i < w.length; i++) {
      const word = w[i]!;
      if ((word === 'jalan' || word === 'gang' || word === 'lorong') && !(word === 'jalan' && NOT_STREET_BEFORE.has(w[i - 1] ?? ''))) {
        const end = streetTail(t, nameEnd(t, i + 1, 4));
        if (end > i + 1) out.push({ start: i, end, kind: word === 'jalan' ? 'street' : 'gang' });
        else out.push({ start: i, end: i + 1, kind: 'bare-street' });
        i = Math.max(i, end - 1);
      } else if (word === 'rt' || word === 'rw') {
        if (isNumber(w[i + 1])) {
          let end = i + 2;
          if ((w[end] === 'rw' || w[end] === 'rt') && isNumber(w[end + 1])) end += 2;
          else if (isNumber(w[end]) && word === 'rt') end += 1;
          out.push({ start: i, end, kind: 'rtrw' });
          i = end - 1;
        }
      } else if (ADMIN.has(word)) {
        const end = nameEnd(t, i + 1, 3, true);
        if (end > i + 1) { out.push({ start: i, end, kind: 'admin' }); i = end - 1; }
      } else if (HOUSING.has(word)) {
        const end = nameEnd(t, i + 1, 3, true);
        if (end > i + 1) { out.push({ start: i, end, kind: 'housing' }); i = end - 1; }
      } else if (LANDMARKS.has(word) || (RELATIVE.has(word) && LANDMARKS.has(w[i + 1] ?? ''))) {
        const rel = RELATIVE.has(word);
        const noun = rel ? i + 1 : i;
        const nounWord = w[noun]!;
        let end = nameEnd(t, noun + 1, 3, true);
        if (nounWord === 'alun' && w[noun + 1] === 'alun') end = Math.max(end, noun + 2);
        const named = end > noun + 1;
        if (named || (rel && !NEEDS_NAME.has(nounWord))) {
          out.push({ start: i, end: Math.max(end, noun + 1), kind: 'landmark' });
          i = Math.max(end, noun + 1) - 1;
        }
      } else if (RELATIVE.has(word) && i + 1 < w.length) {
        // "depan Paruga", "dekat rumah pak RT"
        const hit = areaHits.find((h) => h.start === i + 1);
        if (hit) { out.push({ start: i, end: hit.end, kind: 'area' }); i = hit.end - 1; }
      }
    }
    for (const h of areaHits) {
      if (!out.some((c) => h.start < c.end && c.start < h.end)) out.push({ start: h.start, end: h.end, kind: 'area' });
    }
    return out.sort((a, b) => a.start - b.start);
  }

  const CONNECT = new Set(['di', 'dan', 'dekat', 'depan', 'samping', 'sebelah', 'belakang', 'arah', 'ke', 'sekitar', 'daerah', 'wilayah', 'kota', 'bima', 'masuk', 'tepatnya', 'persis', 'pas']);

  function render(t: NormalizedText, start: number, end: number): string {
    const first = t.wordToken[start]!;
    const last = t.wordToken[end - 1]!;
    const parts: string[] = [];
    for (let k = first; k <= last; k++) {
      const tok = t.tokens[k]!;
      const lower = tok.raw.toLowerCase();
      const std = tok.words.join(' ');
      let out: string;
      if (tok.words.length === 0) continue;
      if (ACRONYMS.has(std)) out = std.toUpperCase();
      else if (std !== lower) out = /^\p{Lu}/u.test(tok.raw) ? std.charAt(0).toUpperCase() + std.slice(1) : std;
      else out = tok.raw;
      parts.push(out);
    }
    return parts.join(' ');
  }

  /** Extracts the location of one normalised message, or null when it names none. */
  return function extract(t: NormalizedText, areaHits: readonly AreaHit[], covered?: Uint8Array): ExtractedLocation | null {
    const chunks = chunksOf(t, areaHits);
    if (chunks.length === 0) return null;
    // Merge chunks separated by at most two connecting words.
    const groups: Chunk[][] = [];
    for (const c of chunks) {
      const g = groups[groups.length - 1];
      const prev = g?.[g.length - 1];
      if (g && prev) {
        const gap = t.words.slice(prev.end, c.start);
        if (gap.length <= 2 && gap.every((x) => CONNECT.has(x))) { g.push(c); continue; }
      }
      groups.push([c]);
    }
    const strong = groups.filter((g) => g.some((c) => c.kind !== 'bare-street'));
    if (strong.length === 0) return null;
    const texts = strong.slice(0, 3).map((g) => {
      const start = g[0]!.kind === 'bare-street' && g.length === 1 ? g[0]!.start : g[0]!.start;
      return render(t, start, g[g.length - 1]!.end);
    });
    const loc: ExtractedLocation = { text: texts.join(', ') };
    const all = strong.flat();
    if (covered) for (const c of all) covered.fill(1, c.start, Math.min(c.end, covered.length));
    const street = all.find((c) => c.kind === 'street');
    if (street) loc.street = render(t, street.start, street.end);
    const rt = all.find((c) => c.kind === 'rtrw');
    if (rt) {
      const words = t.words.slice(rt.start, rt.end);
      const ri = words.indexOf('rt');
      const wi = words.indexOf('rw');
      if (ri >= 0 && words[ri + 1]) loc.rt = words[ri + 1]!;
      if (wi >= 0 && words[wi + 1]) loc.rw = words[wi + 1]!;
      else if (ri >= 0 && isNumber(words[ri + 2])) loc.rw = words[ri + 2]!;
    }
    const landmark = all.find((c) => c.kind === 'landmark');
    if (landmark) loc.landmark = render(t, landmark.start, landmark.end);
    return loc;
  };
}
