/**
 * Word lists of the location extractor (core/nlu/location.ts): relation
 * words, area and housing markers, landmark nouns, and the words that end a
 * name. Kept apart so the extractor's logic stays readable.
 */
/** Relation words before a landmark ("depan", "dekat", "ujung"). */
export const RELATIVE = new Set(['depan', 'dekat', 'samping', 'sebelah', 'belakang', 'seberang', 'sekitar', 'ujung', 'pinggir', 'sepanjang',
  'arah', 'menuju', 'antara', 'seputaran', 'kawasan', 'area', 'pojok', 'tikungan', 'turunan', 'tanjakan', 'atas', 'bawah', 'dalam', 'luar']);
/** Area markers: a name after them is a kelurahan, desa, kampung, gampong, nagari... */
export const ADMIN = new Set(['kelurahan', 'desa', 'dusun', 'kecamatan', 'lingkungan', 'kampung', 'dukuh', 'lk', 'gampong', 'nagari', 'banjar',
  'kampuang', 'jorong', 'kompleks', 'kampong', 'kompleks', 'dukuh', 'padukuhan', 'kalurahan', 'kelurahan']);
/** Housing markers (perumahan, kompleks, blok...). */
export const HOUSING = new Set(['perumahan', 'kompleks', 'btn', 'blok', 'asrama', 'griya', 'villa', 'residence', 'perum', 'rusun', 'rusunawa']);
/** Landmark nouns that take a name ("masjid Al-Ikhlas", "Terminal Dara", "SDN 4"). */
export const LANDMARKS = new Set(['pasar', 'masjid', 'musholla', 'mushola', 'musala', 'langgar', 'surau', 'gereja', 'pura', 'vihara', 'klenteng',
  'sekolah', 'sd', 'sdn', 'smp', 'smpn', 'sma', 'sman', 'smk', 'smkn', 'mi', 'min', 'mts', 'mtsn', 'man', 'tk', 'paud', 'kampus',
  'universitas', 'kantor', 'puskesmas', 'pustu', 'rsud', 'klinik', 'posyandu', 'terminal', 'pelabuhan', 'bandara', 'stasiun', 'lapangan',
  'stadion', 'alun', 'taman', 'jembatan', 'spbu', 'pom', 'bank', 'atm', 'toko', 'warung', 'minimarket', 'indomaret', 'alfamart', 'mall',
  'hotel', 'polsek', 'polres', 'koramil', 'kodim', 'bundaran', 'tugu', 'pantai', 'makam', 'kuburan', 'tpu', 'pertigaan', 'perempatan',
  'simpang', 'gapura', 'gedung', 'pondok', 'pesantren', 'ponpes', 'balai', 'dermaga', 'sungai', 'kali', 'bendungan', 'embung', 'gor',
  'rm', 'cafe', 'kafe', 'kios', 'ruko', 'bengkel', 'apotek', 'pos', 'tps', 'pasar', 'kolam', 'lapas', 'kejaksaan',
  'pengadilan', 'kantor', 'swalayan', 'supermarket', 'koperasi', 'tambak', 'sawah', 'bukit', 'gunung', 'pantai', 'teluk', 'jalur',
  'bandara', 'rsu', 'rs', 'pkm', 'gudang', 'parit', 'kanal', 'tukad', 'banda', 'trotoar', 'tol', 'flyover', 'jembatan', 'tanjakan', 'pusat', 'perempatan', 'bundaran', 'dermaga', 'pelabuhan', 'benteng', 'kedaton', 'keraton', 'huntap', 'anjungan', 'waduk', 'danau', 'situ', 'plaza', 'lapangan', 'stasiun', 'pabrik', 'wisma', 'aula', 'musium', 'museum', 'istana', 'pendopo', 'lorong']);
/** Landmark nouns that need a name or a relative word to count ("rumah" alone is not a place). */
export const NEEDS_NAME = new Set(['rumah', 'kantor', 'parit', 'kanal', 'tukad', 'banda', 'trotoar', 'tol', 'flyover', 'taman', 'lapangan', 'kampus', 'pasar', 'masjid', 'terminal', 'pelabuhan', 'puskesmas', 'sekolah', 'pusat', 'benteng', 'situ', 'plaza', 'stasiun', 'tps', 'pantai', 'jembatan', 'tanjakan', 'simpang', 'pertigaan', 'perempatan', 'bundaran', 'makam', 'kuburan', 'gereja', 'pura', 'klinik', 'apotek', 'bank', 'atm', 'hotel', 'mall', 'spbu', 'pom', 'tugu', 'gapura', 'balai', 'dermaga', 'bengkel', 'kios', 'ruko', 'cafe', 'kafe', 'musala', 'mushola', 'musholla', 'langgar', 'surau', 'gor', 'stadion', 'polsek', 'polres', 'koramil', 'kodim', 'indomaret', 'alfamart', 'minimarket', 'swalayan', 'supermarket', 'gudang', 'pabrik', 'rsu', 'pkm', 'pustu', 'posyandu', 'universitas', 'bandara', 'kolam', 'pondok', 'pesantren', 'ponpes', 'wisma', 'aula', 'museum', 'musium', 'istana', 'pendopo', 'lapas', 'kejaksaan', 'pengadilan', 'koperasi', 'tambak', 'teluk', 'embung', 'bendungan', 'waduk', 'danau', 'anjungan', 'huntap', 'keraton', 'kedaton', 'vihara', 'klenteng', 'lampu', 'toko', 'warung', 'sekolah', 'gedung', 'kali', 'sungai', 'jalur', 'dinas', 'pos', 'kolam', 'sawah', 'bukit', 'gunung', 'rs']);
/** Words allowed after a landmark noun because they are part of the name. */
export const NAME_PARTS = new Set(['satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan', 'sepuluh', 'ii', 'iii', 'iv', 'raya', 'besar', 'baru', 'lama', 'utama', 'agung', 'timur', 'barat', 'utara', 'selatan', 'tengah', 'kota',
  'al', 'an', 'nur', 'walikota', 'lurah', 'camat', 'bersalin', 'dinas', 'tua', 'kecil', 'ikhlas', 'muda']);
/** Words that end a name: grammar, problems, time and people. */
export const NAME_STOP = new Set(['nya', 'ny', 'ka', 'nu', 'ta', 'ki', 'mi', 'ji', 'e', 'so', 'su', 'pe', 'pung', 'dang', 'bo', 'kang', 'nang',
  'ning', 'ndek', 'kayak', 'kaya', 'seperti', 'soal', 'tentang', 'tanpa', 'pas', 'wkwk', 'dulu', 'tangga', 'potong', 'aspal', 'paving', 'ubin',
  'selama', 'kurang', 'lebih', 'ini', 'tu', 'to', 'kan', 'gak', 'ga', 'aja', 'udah', 'udh', 'sampe', 'abis', 'habis', 'kalo', 'klo', 'sama', 'tapi', 'yang', 'yg', 'sudah', 'belum', 'tidak', 'ada', 'sangat', 'banget', 'masih', 'sering', 'selalu', 'terus', 'lagi',
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
export const COMMON = new Set(['kosong', 'jarang', 'nolak', 'menolak', 'kumuh', 'ketus', 'judes', 'sempit', 'lebar', 'raya', 'ambrol', 'doyong',
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
export function looksAffixed(w: string): boolean {
  return w.length >= 6 && (/^(di|ter|ber|mem|men|meng|meny)\p{L}{3,}$/u.test(w) || /\p{L}{3,}(nya|kan)$/u.test(w));
}

/** Affixes that always make a verb or a possessive, whatever the stem ("bergoyang", "mengancam", "paving nya"). */
export function surelyAffixed(w: string): boolean {
  return w.length >= 6 && (/^(ter|ber|mem|men|meng|meny)\p{L}{3,}$/u.test(w) || /\p{L}{3,}nya$/u.test(w));
}

/** Titles in names, often followed by a full stop ("Jl. Dr. Soetomo", "Masjid H. Ahmad"). */
export const TITLES = new Set(['ki', 'gusti', 'ngurah', 'andi', 'daeng', 'datuk', 'sultan', 'raja', 'pangeran', 'haji', 'teuku', 'tgk', 'cut', 'dr', 'ir', 'kh', 'h', 'hj', 'prof', 'st', 'kol', 'kapt', 'jend', 'mt', 'tgh', 'drs', 'letjen', 'mayjen', 'brigjen']);

/** Street names that look like affixed words. */
export const STREET_NAMES = new Set(['diponegoro', 'dipenogoro', 'menteng', 'bermis', 'teratai', 'terusan']);

/** "lampu jalan", "badan jalan": the word jalan that is not an address. */
export const NOT_STREET_BEFORE = new Set(['lampu', 'penerangan', 'bahu', 'badan', 'rambu', 'marka', 'lalu', 'pejalan', 'tiang', 'pinggiran']);

/** Markers of a house number, km or block right after a name. */
export const STREET_TAIL = new Set(['nomor', 'km', 'blok']);

