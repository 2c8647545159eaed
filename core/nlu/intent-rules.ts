/**
 * Phrase lists that signal an intent: greetings, thanks, cancelling, status
 * questions, information questions, spam, insults and problem words. The
 * intent model weighs each hit (core/nlu/intent-flags.ts). Kept as data
 * (lists of normalised phrases) so they are easy to read and extend, and
 * matched on whole words so "p" only means a greeting when it stands alone.
 */

/** Words a pure greeting may consist of ("P", "halo min", "assalamualaikum wr wb", "selamat pagi pak"). */
export const GREETING_WORDS = new Set(['p', 'halo', 'assalamualaikum', 'salam', 'wr', 'wb', 'warahmatullahi', 'wabarakatuh', 'warahmatullah',
  'selamat', 'pagi', 'siang', 'sore', 'malam', 'permisi', 'admin', 'pak', 'bu', 'bapak', 'ibu', 'kak', 'kakak', 'mas', 'mbak', 'gan',
  'om', 'bang', 'sejahtera', 'shalom', 'swastiastu', 'sampurasun', 'misi', 'test', 'tes', 'ping', 'menu', 'start', 'mulai', 'hei', 'hey',
  'assalamualaikum', 'wassalam', 'semua', 'ya', 'dong', 'nih', 'kah', 'ada', 'orang', 'petugas', 'suarawarga', 'suara', 'bot', 'sore', 'siapa',
  'saya', 'ingin', 'mau', 'lapor', 'laporan', 'melapor', 'bertanya', 'tanya', 'izin', 'ijin', 'selamat', 'datang', 'hallo', 'pemkot', 'bima',
  'kota', 'pemerintah', 'bisa', 'bantu', 'dibantu', 'tolong', 'mohon', 'met', 'hari', 'ini', 'minggu', 'sehat', 'kabar', 'apa', 'oi', 'woi',
  // regional greetings and forms of address across the archipelago
  'kulonuwun', 'sugeng', 'enjing', 'tabea', 'tabe', 'salamat', 'mejuah', 'juah', 'horas', 'punten', 'sampurasun', 'rampes', 'om', 'swastiastu',
  'bli', 'mbok', 'uda', 'uni', 'akang', 'kang', 'teteh', 'teh', 'daeng', 'kaka', 'nyong', 'nona', 'bro', 'sis', 'bos', 'ko', 'ci', 'tante',
  'pace', 'mace', 'bung', 'abang', 'adik', 'dek', 'ade', 'usi', 'bapa', 'mama', 'ama', 'ina', 'wa', 'mang', 'pian', 'ulun', 'cak', 'ning',
  'sore', 'kakak', 'sodara', 'saudara', 'semuanya', 'sekalian', 'kawan', 'sobat', 'lur', 'dulur', 'sanak']);

/** Words that carry no complaint: a message of only these (after greetings) is not a report. */
export const FILLER_WORDS = new Set(['ya', 'yah', 'ok', 'oke', 'deh', 'dong', 'sih', 'nih', 'lah', 'kok', 'ah', 'eh', 'nya', 'ini', 'itu',
  'banyak', 'banget', 'sekali', 'sangat', 'ya', 'atas', 'bantuannya', 'bantuan', 'responnya', 'respon', 'cepat', 'tanggapannya',
  'infonya', 'informasinya', 'pelayanannya', 'kerja', 'kerjanya', 'petugas', 'semua', 'sudah', 'telah', 'siap', 'mantap', 'baik', 'good',
  'job', 'sip', 'luar', 'biasa', 'hebat', 'keren', 'semoga', 'berkah', 'sukses', 'selalu', 'untuk', 'dan', 'juga', 'kami', 'saya', 'warga',
  'kasih', 'terima', 'bapak', 'ibu', 'pak', 'bu', 'admin', 'min', 'kak', 'mas', 'mbak', 'tim', 'dinas', 'pemkot', 'alhamdulillah',
  'beres', 'selesai', 'mantul', 'top', 'cepat', 'tanggap', 'sangat', 'membantu', 'nuhun', 'suwun', 'jazakallah', 'khair', 'amin', 'aamiin',
  'dibantu', 'diperbaiki', 'ditangani', 'sekarang', 'bagus', 'lancar', 'kembali', 'lagi', 'the', 'a', 'thank', 'you', 'very', 'much', 'tuhan',
  'memberkati', 'allah', 'membalas', 'kebaikan', 'kalian', 'anda', 'jalan', 'lampu', 'airnya', 'air', 'sudah', 'menyala', 'mengalir', 'bersih',
  'diangkut', 'sampahnya', 'sampah', 'nyala', 'hidup']);

/** Phrases of thanks (normalised). */
export const THANKS = ['terima kasih', 'hatur nuhun', 'matur nuwun', 'suwun', 'jazakallah', 'mantap', 'mantul', 'good job', 'sip', 'oke siap',
  'sangat membantu', 'tengkyu', 'terimakasih', 'makasih', 'makasi', 'makaseh', 'trims', 'thanks', 'thank you', 'nuhun', 'mauliate', 'danke',
  'suksma', 'tampiasih', 'kurru sumange', 'tarimo kasih', 'tarima kasih', 'terima kaseh', 'maturnuwun', 'matursuwun', 'salut', 'apresiasi'];

/** Phrases that withdraw a report. */
export const CANCEL = ['batal', 'batalkan', 'dibatalkan', 'membatalkan', 'tidak jadi', 'cancel', 'hapus laporan', 'tarik laporan',
  'cabut laporan', 'salah kirim', 'salah lapor', 'tidak usah diproses', 'tidak usah dilanjutkan', 'tidak perlu dilanjutkan', 'urungkan'];

/** Words that, with a reference to an earlier report, ask for its status. */
export const STATUS_WORDS = ['diproses', 'proses', 'status', 'sampai mana', 'sejauh mana', 'perkembangan', 'kabar', 'tindak lanjut',
  'ditindaklanjuti', 'ditanggapi', 'tanggapan', 'respon', 'direspon', 'ditangani', 'dikerjakan', 'progres', 'progress', 'update',
  'kapan ditangani', 'kapan diperbaiki', 'belum ada', 'sudah dibaca', 'dibaca', 'diterima', 'masuk', 'nasib', 'bagaimana', 'cek',
  'dicek', 'lihat', 'lacak', 'tracking', 'belum juga', 'belum', 'kapan'];

/** Words that refer to an earlier report. */
export const REPORT_REF = ['laporan', 'lapor', 'melapor', 'melaporkan', 'tiket', 'nomor laporan', 'keluhan', 'aduan', 'dilaporkan', 'laporkan'];

/** Phrases asking for information rather than reporting. */
export const INFO = ['cara', 'caranya', 'bagaimana cara', 'syarat', 'syaratnya', 'persyaratan', 'prosedur', 'jam berapa', 'jam buka',
  'jam layanan', 'jam kerja', 'jam operasional', 'buka jam', 'buka hari', 'buka tidak', 'nomor darurat', 'nomor telepon', 'nomor hp',
  'nomor wa', 'kontak', 'alamat kantor', 'dimana kantor', 'kantornya dimana', 'apa saja', 'apa aja', 'bisa lapor apa', 'lapor apa',
  'apakah bisa', 'bisakah', 'boleh tidak', 'bolehkah', 'berapa lama', 'biaya', 'biayanya', 'informasi', 'info', 'tanya', 'bertanya',
  'nanya', 'apa itu', 'fungsi', 'rahasia', 'identitas', 'privasi', 'gratis', 'bayar berapa', 'jadwal', 'kapan jadwal', 'dimana bisa',
  'di mana bisa', 'harus kemana', 'kemana', 'ke mana', 'siapa yang', 'bagaimana kalau', 'gimana kalau', 'apakah', 'berapa', 'dimana',
  'di mana', 'apa benar', 'benarkah', 'mekanisme', 'tahapan', 'langkah', 'daftar', 'mendaftar', 'pendaftaran', 'lokasi kantor', 'alamat'];

/** Information phrases strong enough to beat a mention of a report ("cara lapor"). */
export const STRONG_INFO = ['cara', 'caranya', 'bagaimana cara', 'syarat', 'syaratnya', 'persyaratan', 'prosedur', 'jam buka', 'jam layanan',
  'jam kerja', 'jam operasional', 'nomor darurat', 'nomor telepon', 'alamat kantor', 'apa saja', 'apa aja', 'bisa lapor apa', 'lapor apa'];

/** Signs of spam or advertising. */
export const SPAM = ['http', 'https', 'www', 'bit ly', 'promo', 'diskon', 'slot', 'gacor', 'judi', 'togel', 'pinjol', 'pinjaman online',
  'pinjaman dana', 'dana cepat', 'klik link', 'klik disini', 'daftar sekarang', 'hadiah', 'pemenang', 'anda menang', 'selamat anda',
  'investasi', 'followers', 'jual', 'dijual', 'jasa', 'murah', 'wa me', 'deposit', 'bonus', 'maxwin', 'casino', 'kasino', 'obat kuat',
  'cuan', 'profit', 'trading', 'crypto', 'kripto', 'undian', 'giveaway', 'cashback', 'open order', 'ready stok', 'reseller', 'admin slot',
  'link', 'klik', 'transfer', 'rekening', 'pulsa gratis', 'kuota gratis', 'lowongan', 'loker', 'pesugihan', 'pelet', 'dukun'];

/** Words that describe a problem; any of them makes a question a complaint ("kenapa sampah belum diangkut?"). */
export const PROBLEM = ['rusak', 'berlubang', 'lubang', 'mati', 'padam', 'mampet', 'tersumbat', 'bocor', 'tidak mengalir', 'belum diangkut',
  'tidak diangkut', 'menumpuk', 'banjir', 'macet', 'bau', 'busuk', 'kotor', 'keruh', 'tumbang', 'roboh', 'longsor', 'ditahan', 'jijik',
  'pungli', 'pungutan', 'lambat', 'lama sekali', 'lama banget', 'dipersulit', 'tidak ada', 'tidak bisa', 'tidak mau', 'belum jadi', 'belum keluar',
  'belum cair', 'belum dapat', 'belum terima', 'belum diperbaiki', 'tidak pernah', 'gelap', 'liar', 'berisik', 'bising', 'mengganggu',
  'membahayakan', 'bahaya', 'ambruk', 'amblas', 'retak', 'hancur', 'genangan', 'tergenang', 'meluap', 'berserakan', 'dibuang', 'dibakar',
  'mabuk', 'tawuran', 'ricuh', 'kecewa', 'parah', 'kumuh', 'jorok', 'sakit', 'demam', 'wabah', 'diare', 'mengamuk', 'terlantar',
  'kecil', 'mahal', 'naik', 'membengkak', 'salah', 'hilang', 'tertunda', 'mogok', 'ditolak', 'dipungut', 'diminta', 'disuruh bayar',
  'menghalangi', 'menutup', 'berkedip', 'kedap kedip', 'putus', 'miring', 'hampir', 'terendam', 'mandek', 'berhenti', 'penuh', 'sempit',
  'licin', 'becek', 'debu', 'asap', 'ular', 'tawon', 'nyamuk', 'sarang'];

/** Insults; aimed at the bot or the staff without a problem they make a message chatter, not a complaint. */
export const INSULT = ['goblok', 'bodoh', 'tolol', 'bego', 'dungu', 'bangsat', 'kampret', 'brengsek', 'bajingan', 'anjir', 'anjing', 'tai',
  'lemot', 'tidak guna', 'tidak berguna', 'percuma', 'payah', 'sok', 'bacot', 'sialan', 'kurang ajar', 'makan gaji buta', 'tidak becus', 'pekok',
  'bodo', 'geblek', 'oon', 'idiot', 'stupid', 'useless'];

/** Who an insult is aimed at when it is aimed at this service. */
export const ADDRESSEE = ['bot', 'admin', 'min', 'kalian', 'kamu', 'lu', 'pemkot', 'aplikasi', 'sistem', 'layanan', 'robot', 'adminnya', 'botnya'];

/** Words of city services: a question about one of them is information, a question about anything else is chatter. */
export const SERVICE_WORDS = new Set(['ktp', 'kk', 'akta', 'akte', 'kia', 'nik', 'dukcapil', 'disdukcapil', 'capil', 'pdam', 'puskesmas', 'rsud',
  'posyandu', 'dinas', 'kantor', 'kelurahan', 'kecamatan', 'lurah', 'camat', 'walikota', 'bupati', 'pemkot', 'pemda', 'layanan', 'pelayanan',
  'lapor', 'laporan', 'melapor', 'pengaduan', 'aduan', 'syarat', 'persyaratan', 'prosedur', 'darurat', 'damkar', 'ambulans', 'ambulan', 'polisi',
  'bansos', 'blt', 'pkh', 'bpjs', 'kis', 'ppdb', 'sekolah', 'sampah', 'tps', 'jalan', 'lampu', 'air', 'banjir', 'fogging', 'vaksin', 'imunisasi',
  'surat', 'domisili', 'pindah', 'izin', 'imb', 'pajak', 'retribusi', 'tagihan', 'rekening', 'data', 'rahasia', 'identitas', 'privasi', 'bot',
  'nomor', 'telepon', 'alamat', 'jadwal', 'buka', 'tutup', 'jam', 'hari', 'biaya', 'gratis', 'bayar', 'online', 'daftar', 'pendaftaran', 'taman',
  'pasar', 'terminal', 'dishub', 'satpol', 'dlh', 'bpbd', 'dinsos', 'dinkes', 'disdik', 'pln', 'tiket', 'status', 'petugas']);
