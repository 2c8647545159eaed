/**
 * Curated lexicon of informal Indonesian as citizens type it on WhatsApp:
 * abbreviations, slang, common typos and the Javanese/Sundanese/Bima words
 * that show up in complaints, each mapped to standard Indonesian. Informed by
 * IndoCollex (MIT), but curated by hand: entries that would corrupt place or
 * street names are left out, and the normaliser never rewrites a token that is
 * a known place name or part of a street name.
 *
 * Values may contain spaces ("tlg" → "tolong"; "gpp" → "tidak apa apa").
 */
export const SLANG: Readonly<Record<string, string>> = {
  // places and addresses
  jl: 'jalan', jln: 'jalan', jlan: 'jalan', jaln: 'jalan', jalam: 'jalan', jaan: 'jalan', jal: 'jalan', jalann: 'jalan',
  gg: 'gang', gng: 'gang', kel: 'kelurahan', kelr: 'kelurahan', kelrhn: 'kelurahan', kec: 'kecamatan', kecmtn: 'kecamatan',
  kcmtn: 'kecamatan', ds: 'desa', dsn: 'dusun', perum: 'perumahan', komp: 'kompleks', komplek: 'kompleks', kompl: 'kompleks',
  lingk: 'lingkungan', lkg: 'lingkungan', lingkgn: 'lingkungan', no: 'nomor', nmr: 'nomor', nmor: 'nomor',
  pskms: 'puskesmas', pkm: 'puskesmas', puskes: 'puskesmas', psr: 'pasar', mesjid: 'masjid', mesjit: 'masjid', msjd: 'masjid',
  skolah: 'sekolah', sekola: 'sekolah', sklh: 'sekolah', kntr: 'kantor', lpngn: 'lapangan',
  prapatan: 'perempatan', perapatan: 'perempatan', prtigaan: 'pertigaan', pertigan: 'pertigaan', prempatan: 'perempatan',
  simpg: 'simpang', smpg: 'simpang', jembatn: 'jembatan', jmbtn: 'jembatan', gorong2: 'gorong gorong',
  // people and politeness
  sy: 'saya', sya: 'saya', aq: 'aku', ak: 'aku', gw: 'saya', gue: 'saya', gua: 'saya', sj: 'saja', aja: 'saja', aj: 'saja',
  sdr: 'saudara', bpk: 'bapak', pk: 'pak', ibu2: 'ibu ibu', kmi: 'kami', kt: 'kita', lu: 'kamu', lo: 'kamu',
  tlg: 'tolong', tolg: 'tolong', tlong: 'tolong', tulung: 'tolong', mhn: 'mohon', mohn: 'mohon', plis: 'tolong', pliss: 'tolong',
  please: 'tolong', pls: 'tolong', punten: 'permisi', nuwun: 'permisi', sewu: '', mas: 'mas', mba: 'mbak', mbk: 'mbak',
  // time
  udh: 'sudah', udah: 'sudah', sdh: 'sudah', dah: 'sudah', uda: 'sudah', wis: 'sudah', wes: 'sudah', geus: 'sudah', sudh: 'sudah',
  blm: 'belum', blom: 'belum', belom: 'belum', blum: 'belum', durung: 'belum', acan: 'belum', 'teu acan': 'belum', lom: 'belum',
  kmrn: 'kemarin', kmarin: 'kemarin', kemaren: 'kemarin', kmren: 'kemarin', kmaren: 'kemarin', wingi: 'kemarin', kamari: 'kemarin',
  skrg: 'sekarang', skrng: 'sekarang', skr: 'sekarang', saiki: 'sekarang', ayeuna: 'sekarang', skarang: 'sekarang',
  bsk: 'besok', bsok: 'besok', sblm: 'sebelum', stlh: 'setelah', sjk: 'sejak', smp: 'smp', mggu: 'minggu', mgg: 'minggu',
  hr: 'hari', hri: 'hari', bln: 'bulan', thn: 'tahun', jm: 'jam', mlm: 'malam', mlam: 'malam', pgi: 'pagi',
  sore2: 'sore', td: 'tadi', tdi: 'tadi', br: 'baru', bru: 'baru', lg: 'lagi', lgi: 'lagi', lagi2: 'lagi', trs: 'terus',
  trus: 'terus', terus2an: 'terus', tiap: 'setiap', tp: 'tapi', tpi: 'tapi', ttp: 'tetap', msh: 'masih', masi: 'masih', msih: 'masih',
  // negation and quantity
  gk: 'tidak', ga: 'tidak', gak: 'tidak', gax: 'tidak', ngga: 'tidak', nggak: 'tidak', enggak: 'tidak', engga: 'tidak', g: 'tidak',
  tdk: 'tidak', tak: 'tidak', kagak: 'tidak', ndak: 'tidak', nda: 'tidak', ndk: 'tidak', ora: 'tidak', teu: 'tidak', henteu: 'tidak',
  tida: 'tidak', tdak: 'tidak', gx: 'tidak', kaga: 'tidak', ngak: 'tidak', gpp: 'tidak apa apa', bgt: 'banget', bngt: 'banget', bgd: 'banget',
  bener: 'benar', bnr: 'benar', bnyk: 'banyak', byk: 'banyak', bnyak: 'banyak', sgt: 'sangat', sngt: 'sangat', bgtu: 'begitu',
  smua: 'semua', smw: 'semua', sdikit: 'sedikit', dikit: 'sedikit', sikit: 'sedikit', kabeh: 'semua', kabh: 'semua',
  // prepositions and connectives
  dkt: 'dekat', dket: 'dekat', deket: 'dekat', dpn: 'depan', dpan: 'depan', dr: 'dari', dri: 'dari', dg: 'dengan', dgn: 'dengan',
  dngn: 'dengan', sm: 'sama', ama: 'sama', yg: 'yang', ygn: 'yang', dlm: 'dalam', utk: 'untuk', untk: 'untuk', 
  krn: 'karena', krna: 'karena', karna: 'karena', soalnya: 'karena', jd: 'jadi', jdi: 'jadi', klo: 'kalau', kalo: 'kalau', kl: 'kalau',
  klu: 'kalau', kalu: 'kalau', sblh: 'sebelah', sbelah: 'sebelah', smping: 'samping', sampng: 'samping', blkg: 'belakang',
  blakang: 'belakang', blkng: 'belakang', sbrg: 'seberang', sbrang: 'seberang', ujg: 'ujung', pas: 'pas', dkat: 'dekat',
  // verbs and states
  ad: 'ada', ada2: 'ada', gmn: 'bagaimana', gimana: 'bagaimana', gmna: 'bagaimana', gimna: 'bagaimana', bgmn: 'bagaimana',
  knp: 'kenapa', napa: 'kenapa', knapa: 'kenapa', ngapa: 'kenapa', kpn: 'kapan', kapn: 'kapan', brp: 'berapa', brapa: 'berapa',
  dmn: 'dimana', dmana: 'dimana', mana2: 'mana', apa2: 'apa', apaan: 'apa',  sapa: 'siapa', bs: 'bisa', bsa: 'bisa',
  bisaa: 'bisa', hrs: 'harus', hrus: 'harus', mau: 'mau', mo: 'mau', pengen: 'ingin', pgn: 'ingin', pengin: 'ingin', tau: 'tahu',
  tw: 'tahu', liat: 'lihat', lht: 'lihat', ngliat: 'lihat', nunggu: 'menunggu', nungu: 'menunggu', tggu: 'tunggu', tgu: 'tunggu',
  dtg: 'datang', dteng: 'datang', dtng: 'datang', kluar: 'keluar', klr: 'keluar', msk: 'masuk', nyala: 'menyala', idup: 'hidup',
  ilang: 'hilang', ngalir: 'mengalir', ngalirnya: 'mengalir', bocot: 'bocor', bcor: 'bocor', mampat: 'mampet', buntu: 'mampet',
  nyumbat: 'tersumbat', kesumbat: 'tersumbat', ketutup: 'tertutup', tutup: 'tutup', numpuk: 'menumpuk', menumpk: 'menumpuk',
  ngangkut: 'mengangkut', diangkat: 'diangkut', dingkut: 'diangkut', dibuang: 'dibuang', nyampah: 'buang sampah', nyangkut: 'tersangkut',
  ancur: 'hancur', hancr: 'hancur', rsk: 'rusak', rusk: 'rusak', rusaak: 'rusak', bolong2: 'berlubang', bolong: 'berlubang',
  lobang: 'lubang', lbang: 'lubang', lubng: 'lubang', lobang2: 'lubang', brlubang: 'berlubang', belubang: 'berlubang',
  berlobang: 'berlubang', tergenang: 'tergenang', kebanjiran: 'banjir', banjr: 'banjir', bnjir: 'banjir', bajir: 'banjir',
  mati2: 'mati', mt: 'mati', mti: 'mati', pdm: 'pdam', ledeng: 'pdam', keruh: 'keruh', butek: 'keruh', buthek: 'keruh', kruh: 'keruh',
  bau2: 'bau', bauu: 'bau', busuk2: 'busuk', ngebut: 'ngebut', brisik: 'berisik', brsk: 'berisik', rame: 'ramai', rami: 'ramai',
  mcet: 'macet', mact: 'macet', tumbang2: 'tumbang', roboh: 'roboh', rubuh: 'roboh', ambruk: 'roboh', ambrol: 'amblas', ambles: 'amblas',
  kbakaran: 'kebakaran', kebakarn: 'kebakaran', kbkrn: 'kebakaran', kobong: 'terbakar', kebakar: 'terbakar', longsr: 'longsor',
  lonsor: 'longsor', lngsr: 'longsor', urug: 'longsor', ngamuk: 'mengamuk', ngemis: 'mengemis', nyolong: 'mencuri',
  // eastern Indonesia, Minang, Banjar and Palembang forms (ambiguous ones such as "seng" = zinc sheet, "so", "alun" are left out)
  tara: 'tidak', sonde: 'tidak', kada: 'tidak', indak: 'tidak', torang: 'kami', katong: 'kami', skali: 'sekali', sekali2: 'sekali',
  sadiki: 'sedikit', kasiang: 'kasihan', aer: 'air', aia: 'air', ujan: 'hujan', ulun: 'saya', nian: 'sangat', balum: 'belum',
  mangalir: 'mengalir', ngocor: 'mengalir', ngucur: 'mengalir', lalin: 'lalu lintas', ancor: 'hancur', tasumbat: 'tersumbat',
  tasumbek: 'tersumbat', tasumbaik: 'tersumbat', iduik: 'hidup', abis: 'habis', samua: 'semua', basar: 'besar', barapa: 'berapa',
  bagimana: 'bagaimana', bagaimna: 'bagaimana', kumaha: 'bagaimana', piye: 'bagaimana', pripun: 'bagaimana', baa: 'bagaimana',
  // regional nouns (Javanese, Sundanese, Bima) used in complaints
  dalan: 'jalan', ratan: 'jalan', jalane: 'jalan', banyu: 'air', banyune: 'air', cai: 'air', uwuh: 'sampah',
  runtah: 'sampah', sampahe: 'sampah', kalen: 'selokan', solokan: 'selokan', selokn: 'selokan', slokan: 'selokan', parit: 'selokan',
  gote: 'got', lampune: 'lampu', lampu2: 'lampu', wit: 'pohon', tangkal: 'pohon', omah: 'rumah', imah: 'rumah', uma: 'rumah',
  bocah: 'anak', budak: 'anak', sekolahan: 'sekolah', pasare: 'pasar', warunge: 'warung', gede: 'besar', gedhe: 'besar', ageung: 'besar',
  cilik: 'kecil', leutik: 'kecil', jero: 'dalam', akeh: 'banyak', loba: 'banyak', rusake: 'rusak', ruksak: 'rusak', bosok: 'busuk',
  mambu: 'bau', bacin: 'bau', peteng: 'gelap', poek: 'gelap', udan: 'hujan', hujane: 'hujan', geni: 'api', seuneu: 'api',
  kaget: 'kaget', maneh: 'kamu', abdi: 'saya', kulo: 'saya', kula: 'saya', aing: 'saya', nyong: 'saya', inyong: 'saya',
  // service words
  ktp2: 'ktp', ektp: 'e ktp', 'e-ktp': 'e ktp', kk2: 'kk', akte: 'akta', aktenya: 'akta', dukcpl: 'dukcapil', dispen: 'dispensasi',
  bansosnya: 'bansos', blt2: 'blt', rs: 'rumah sakit', rmh: 'rumah', rmah: 'rumah', rumh: 'rumah', sdn: 'sdn',
  // status and thanks
  makasih: 'terima kasih', makasi: 'terima kasih', mksh: 'terima kasih', mksih: 'terima kasih', trmksh: 'terima kasih',
  trimakasih: 'terima kasih', terimakasih: 'terima kasih', trims: 'terima kasih', tks: 'terima kasih', thx: 'terima kasih',
  thanks: 'terima kasih', thank: 'terima kasih', tq: 'terima kasih', tengkyu: 'terima kasih', nuhun: 'terima kasih', hatur: '',
  maturnuwun: 'terima kasih', suwun: 'terima kasih', kasih: 'kasih', ass: 'assalamualaikum', askum: 'assalamualaikum',
  assalamualaikum: 'assalamualaikum', asalamualaikum: 'assalamualaikum', assalamu: 'assalamualaikum', alaikum: '',
  assalammualaikum: 'assalamualaikum', aslmkm: 'assalamualaikum', aslm: 'assalamualaikum', mlm2: 'malam', hallo: 'halo', hlo: 'halo',
  helo: 'halo', hello: 'halo', hai: 'halo', hi: 'halo', hay: 'halo', woy: 'halo', oy: 'halo', pagii: 'pagi', siang2: 'siang',
  met: 'selamat', slmt: 'selamat', selamat: 'selamat', lap0r: 'lapor', lapo: 'lapor', lapr: 'lapor', lpr: 'lapor', lporan: 'laporan',
  lprn: 'laporan', laporn: 'laporan', laporannya: 'laporan', aduan: 'laporan', pengaduan: 'laporan', komplain: 'laporan',
  diproses: 'diproses', diprosess: 'diproses', ditindaklanjuti: 'ditindaklanjuti', tindaklanjut: 'tindak lanjut', gmana: 'bagaimana',
  btl: 'batal', cancel: 'batal', ok: 'oke', okay: 'oke', okey: 'oke', oce: 'oke', sip: 'oke', siap: 'siap', mantab: 'mantap',
  min: 'admin', mimin: 'admin', minn: 'admin', adm: 'admin',
};

/**
 * Two-word slang that only makes sense together ("teu acan" = belum).
 * Checked before single tokens.
 */
export const SLANG_BIGRAMS: Readonly<Record<string, string>> = {
  'teu acan': 'belum', 'teu aya': 'tidak ada', 'ora ono': 'tidak ada', 'ora ana': 'tidak ada', 'nggak ada': 'tidak ada',
  'mati kabeh': 'mati semua', 'matur nuwun': 'terima kasih', 'hatur nuhun': 'terima kasih', 'nuwun sewu': 'permisi',
  'thank you': 'terima kasih', 'thanks you': 'terima kasih', 'makasih banyak': 'terima kasih banyak', 'tengkyu banget': 'terima kasih banget',
  'lampu merah': 'lampu merah', 'air ledeng': 'air pdam', 'lampu pju': 'lampu jalan', 'assalamu alaikum': 'assalamualaikum',
  'terima kasi': 'terima kasih', 'trima kasih': 'terima kasih', 'trima kasi': 'terima kasih',
  // traffic lights by their regional names, only right after "lampu" ("abang" alone is a brother, "stopan" a stop)
  'lampu abang': 'lampu lalu lintas', 'lampu bangjo': 'lampu lalu lintas', 'lampu stopan': 'lampu lalu lintas',
  'lampu setopan': 'lampu lalu lintas', 'lampu traffic': 'lampu lalu lintas',
  // a household power cut: "mati lampu" (that word order) and "lampu rumah" are the mains, not a street light
  'mati lampu': 'listrik padam', 'lampu rumah': 'listrik rumah', 'padam sekampung': 'listrik padam sekampung',
};

/** Words that keep their letter runs ("aa" is a name part, "sekolah" has no runs to squeeze). */
export const KEEP_DOUBLE: ReadonlySet<string> = new Set(['saat', 'taat', 'maaf', 'jumaat', 'sahabat', 'alaa', 'manggemaci', 'oo', 'aa', 'ee', 'ii', 'uu', 'rt', 'rw', 'sd', 'sdn']);
