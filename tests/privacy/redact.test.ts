import { describe, expect, it } from 'vitest';
import { REDACTED, redact } from '../../core/privacy/redact.js';

const PHONE = REDACTED.phone;

/** [what a citizen typed, what a desk may see] */
const STAFF_CASES: [string, string][] = [
  ['hubungi saya di 0812-3456-7890', `hubungi saya di ${PHONE}`],
  ['hp 081234567890', `hp ${PHONE}`],
  ['hp081234567890 ya', `hp${PHONE} ya`],
  ['no wa 0812 3456 7890', `no wa ${PHONE}`],
  ['(0812) 3456 7890 itu nomor saya', `${PHONE} itu nomor saya`],
  ['telp 0812 - 3456 - 7890', `telp ${PHONE}`],
  ['0812/3456/7890', PHONE],
  ['0812.3456.7890', PHONE],
  ['+62 812 3456 7890', PHONE],
  ['+62-812-3456-7890', PHONE],
  ['+62 (812) 3456-7890', PHONE],
  ['+6281234567890', PHONE],
  ['6281234567890', PHONE],
  ['62 812 3456 7890', PHONE],
  ['(+62) 812-3456-7890', PHONE],
  ['nomor sy +62 821.1234.567', `nomor sy ${PHONE}`],
  ['0852 3939 1234', PHONE],
  ['085239391234', PHONE],
  ['08123456789', PHONE],
  ['0821 1234 56789', PHONE],
  ['０８１２３４５６７８９０', PHONE],
  ['hub ０８１２－３４５６－７８９０', `hub ${PHONE}`],
  ['nol delapan satu dua tiga empat lima enam tujuh delapan sembilan nol', PHONE],
  ['wa saya nol delapan lima dua, tiga sembilan tiga sembilan, satu dua tiga empat', `wa saya ${PHONE}`],
  ['kosong delapan satu tiga satu dua tiga empat lima enam tujuh', PHONE],
  ['0812 tiga empat lima enam tujuh delapan sembilan nol', PHONE],
  ['telp rumah (0374) 43210', `telp rumah ${PHONE}`],
  ['kantor 0374-646123', `kantor ${PHONE}`],
  ['wa.me/6281234567890', PHONE],
  ['tel:+6281234567890', PHONE],
  ['RT 03/05 081234567890', `RT 03/05 ${PHONE}`],
  ['NIK 5272010101900001', `NIK ${REDACTED.nik}`],
  ['no kk 5272 0101 0190 0001 tolong', `no kk ${REDACTED.nik} tolong`],
  ['nik saya 5272-0101-0190-0001', `nik saya ${REDACTED.nik}`],
  ['email siti.aminah@gmail.com', `email ${REDACTED.email}`],
  ['kirim ke budi_santoso99@yahoo.co.id ya', `kirim ke ${REDACTED.email} ya`],
  ['dua nomor: 0812-1111-2222 dan 0813 3333 4444', `dua nomor: ${PHONE} dan ${PHONE}`],
  ['lampu mati, hubungi 0812-3456-7890 (pak rt)', `lampu mati, hubungi ${PHONE} (pak rt)`],
  ['hp: 08 12 34 56 78 90', `hp: ${PHONE}`],
  ['No. KK: 5272012345678901', `No. KK: ${REDACTED.nik}`],
  ['+62 812-3456-7890 (WA)', `${PHONE} (WA)`],
  ['0812345678', PHONE],
];

/** Texts a desk needs as they are. */
const KEEP: string[] = [
  'cek BM-0042',
  'laporan BM-0042 dan BM-1234 belum ditangani',
  'tgl 05/12/2026 jam 9 pagi',
  'sejak 12-05-2026',
  'pungli 750rb di sekolah',
  'bayar Rp 1.250.000 per bulan',
  'RT 03 RW 05 kel. Paruga',
  'RT 003/RW 005',
  'jam 9',
  'jam 21.30',
  'sudah 3 hari, 2 minggu lalu juga',
  'lubang 2 meter x 50 cm',
  'tiang PJU no 12 mati',
  'km 12 arah Sape',
  'tahun 2025 2026',
  'suhu 38.5 derajat',
  'satu dua tiga empat',
  'titik -6.2812, 106.8456',
  'koordinat -8.4606, 118.7266',
  'jam 08.00 - 12.00',
  'sejak 2026-12-01 08:30',
];

describe('the PII redactor: what a desk sees of what a citizen typed', () => {
  it.each(STAFF_CASES)('"%s" → "%s"', (typed, shown) => {
    expect(redact(typed, 'staff')).toBe(shown);
  });

  it.each(KEEP)('"%s" is left as it is', (text) => {
    expect(redact(text, 'staff')).toBe(text);
    expect(redact(text, 'public')).toBe(text);
  });

  it('has a table of at least 40 real-looking variants', () => {
    expect(STAFF_CASES.length + KEEP.length).toBeGreaterThanOrEqual(40);
  });
});

/** [typed, published] */
const PUBLIC_CASES: [string, string][] = [
  ['nama sy Siti Aminah, sampah di jl. datuk dibanta no 12 blm diangkut',
    `nama sy ${REDACTED.name}, sampah di jl. datuk dibanta no ${REDACTED.houseNumber} blm diangkut`],
  ['nama saya budi santoso mau lapor jalan rusak', `nama saya ${REDACTED.name} mau lapor jalan rusak`],
  ['perkenalkan saya Ahmad dari RT 02', `perkenalkan saya ${REDACTED.name} dari RT 02`],
  ['atas nama Rina Wati', `atas nama ${REDACTED.name}`],
  ['gang melati nomor 7a banjir', `gang melati nomor ${REDACTED.houseNumber} banjir`],
  ['rumah sy no.3 kebanjiran', `rumah sy no.${REDACTED.houseNumber} kebanjiran`],
  ['Jl. Soekarno-Hatta No. 12A depan toko', `Jl. Soekarno-Hatta No. ${REDACTED.houseNumber} depan toko`],
  ['Bu Siti, petugas datang besok', `Bu ${REDACTED.name}, petugas datang besok`],
  ['sudah lapor ke Pak RT dan Bu Lurah', 'sudah lapor ke Pak RT dan Bu Lurah'],
  ['nama sy Siti hp 0812-3456-7890', `nama sy ${REDACTED.name} hp ${PHONE}`],
];

describe('the PII redactor: what the public may read', () => {
  it.each(PUBLIC_CASES)('"%s" → "%s"', (typed, published) => {
    expect(redact(typed, 'public')).toBe(published);
  });

  it('desks keep the house number and the name (staff need to find the place and greet the reporter)', () => {
    expect(redact('nama sy Siti Aminah, jl. datuk dibanta no 12', 'staff')).toBe('nama sy Siti Aminah, jl. datuk dibanta no 12');
  });
});
