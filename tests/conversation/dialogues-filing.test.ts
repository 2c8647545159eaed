/**
 * The conversation up to a filed report, as citizens really have it: each row is a
 * scripted dialogue (what the citizen types, what the bot must answer, what must be
 * true at the end), run through the real engine on real SQLite. Grouped by behaviour.
 */
import { describe, it } from 'vitest';
import {
  alreadyFiled, deskHeard, descriptionContains, filed, filedCount, nothingFiled, photos, placeContains, run, type Dialogue,
} from './support/dialogue.js';
import { GARBAGE, noAtSummary, SUMMARY_AGAIN, toSummary, yesAtSummary } from './support/scripts.js';

const answers: Dialogue[] = [
  ...yesAtSummary.map((yes): Dialogue => ({
    name: `"${yes}" at the summary files the report`,
    lines: [...toSummary, [yes, { has: 'Nomor laporan: *BM-0001*', not: 'Balas *1*' }]],
    then: [filed('sampah'), placeContains('sudirman')],
  })),
  ...noAtSummary.map((no): Dialogue => ({
    name: `"${no}" at the summary cancels it`,
    lines: [...toSummary, [no, 'laporan dibatalkan']],
    then: [nothingFiled],
  })),
  {
    name: 'an unclear answer at the summary gets a short re-ask naming the answers, not the whole summary',
    lines: [...toSummary, ['hmm', { has: ['*ya*', '*tidak*'], not: SUMMARY_AGAIN }], ['ya', 'BM-0001']],
    then: [filed('sampah')],
  },
  {
    name: 'the summary button "ya" files the report',
    lines: [...toSummary, [{ press: 'ya' }, 'BM-0001']],
    then: [filed('sampah')],
  },
];

const photoSkips: Dialogue[] = ['ga usah fotonya min', 'gak usah pake foto ya', 'udah itu aja min', 'indak ado foto', 'gak usah'].map((said) => ({
  name: `"${said}" at the photo question skips the photo; the report is kept`,
  lines: [[GARBAGE, /kirimkan foto/], [said, { has: 'Kirim laporan ini?', not: 'dibatalkan' }], ['ya', 'BM-0001']],
  then: [filed('sampah'), photos(0)],
}));

const unknownPlaces: Dialogue[] = [
  ...['gak tau nama jalannya min', 'gatau', 'tidak tahu persisnya di mana'].map((said): Dialogue => ({
    name: `"${said}" at the place question is not taken as the place: the bot asks for a landmark`,
    lines: [['lampu jalan mati sudah 3 hari', 'Di mana lokasinya'], [said, { has: 'patokan terdekat', not: 'foto' }], ['depan masjid al ikhlas kelurahan paruga', 'foto'], ['lewati', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [filed('lampu_jalan'), placeContains('masjid al ikhlas'), async (w) => { if ((await w.mine())[0]!.locationText!.includes('tau')) throw new Error((await w.mine())[0]!.locationText!); }],
  })),
  {
    name: '"harus detail ya min?" at the place question asks again rather than filing the question as the place',
    lines: [['lampu jalan mati sudah 3 hari', 'Di mana lokasinya'], ['harus detail ya min?', { not: 'foto' }], ['gang mawar rt 04', 'foto'], ['lewati'], ['ya', 'BM-0001']],
    then: [placeContains('gang mawar')],
  },
  {
    name: '"gak tau" where the place is optional goes on without one',
    lines: [['bansos blt tidak tepat sasaran, tetangga saya yang mampu dapat', 'lewati'], ['gak tau', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [filed('sosial')],
  },
];

const placeAtPhoto: Dialogue[] = [
  {
    name: '"eh salah min, bukan jl sudirman tapi jl hasanuddin" at the photo question corrects the place, not the description',
    lines: [[GARBAGE, /kirimkan foto/], ['eh salah min, bukan jl sudirman tapi jl hasanuddin', { has: ['lokasinya kami ubah', 'hasanuddin'], not: 'sudirman' }], ['lewati', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [placeContains('hasanuddin'), async (w) => { const t = (await w.mine())[0]!; if (t.locationText!.includes('sudirman') || t.description.includes('salah')) throw new Error(`${t.locationText} / ${t.description}`); }],
  },
  {
    name: '"tepatnya di depan sdn 20" at the photo question makes the place exact',
    lines: [['lampu jalan mati sudah 3 hari', 'Di mana lokasinya'], ['jalan sumbawa', 'foto'], ['tepatnya di depan sdn 20', { has: 'lokasinya kami ubah' }], ['lewati', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [placeContains('sdn 20')],
  },
];

const corrections: Dialogue[] = [
  {
    name: '"lokasinya salah, harusnya gang durian" corrects the place and shows the summary again',
    lines: [...toSummary, ['lokasinya salah, harusnya gang durian', { has: ['sudah kami perbaiki', 'gang durian', 'Kirim laporan ini?'] }], ['ya', 'BM-0001']],
    then: [filed('sampah'), placeContains('gang durian')],
  },
  {
    name: '"lokasinya di gang durian bukan di sudirman" keeps only the right place',
    lines: [...toSummary, ['lokasinya di gang durian bukan di sudirman', { has: ['sudah kami perbaiki', 'gang durian'], not: 'Ini laporan baru' }], ['ya', 'BM-0001']],
    then: [placeContains('gang durian'), async (w) => { if ((await w.mine())[0]!.locationText!.includes('sudirman')) throw new Error((await w.mine())[0]!.locationText!); }],
  },
  {
    name: '"ubah lokasi" asks for the right place, then shows the corrected summary',
    lines: [...toSummary, ['ubah lokasi', 'di mana lokasi yang benar'], ['jalan gajah mada depan masjid', { has: ['gajah mada', 'Kirim laporan ini?'] }], ['ya', 'BM-0001']],
    then: [placeContains('gajah mada')],
  },
  {
    name: 'a new map pin at the summary replaces the place',
    lines: [...toSummary, [{ pin: { latitude: -8.4601, longitude: 118.7262, name: 'Pasar Raya Bima' } }, { has: ['Pasar Raya Bima', 'Kirim laporan ini?'] }], ['iya', 'BM-0001']],
    then: [filed('sampah', { latitude: -8.4601, longitude: 118.7262 })],
  },
  {
    name: '"lho kok sampah, bukan sampah min" offers a short category list; a number picks it',
    lines: [...toSummary, ['lho kok sampah, bukan sampah min', { has: 'termasuk yang mana', not: SUMMARY_AGAIN }], ['jalan rusak', { has: ['Jalan Rusak', 'Kirim laporan ini?'] }], ['ya', 'BM-0001']],
    then: [filed('jalan_rusak')],
  },
  {
    name: '"kategorinya salah" then a number from the list',
    lines: [...toSummary, ['kategorinya salah', 'termasuk yang mana'], ['1', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [async (w) => { if ((await w.mine()).at(-1)!.category === 'sampah') throw new Error('the category was not changed'); }],
  },
  {
    name: '"bukan sampah, ini soal jalan rusak" changes the category in one go',
    lines: [...toSummary, ['bukan sampah, ini soal jalan rusak', { has: ['Jalan Rusak', 'Kirim laporan ini?'] }], ['ya', 'BM-0001']],
    then: [filed('jalan_rusak')],
  },
  {
    name: 'more detail at the summary is added to the description',
    lines: [...toSummary, ['baunya sampai ke masjid dan banyak lalat', { has: ['keterangan Anda kami tambahkan', 'banyak lalat'] }], ['ya', 'BM-0001']],
    then: [descriptionContains('banyak lalat'), filed('sampah')],
  },
];

const emergencies: Dialogue[] = [
  {
    name: 'a fire is filed on the first message; the citizen is told to call 112 and given the number',
    lines: [['KEBAKARAN!! rumah warga di kel. dara dkt pasar terbakar apinya gede bgt tolong', { has: ['112', 'BM-0001'] }]],
    then: [filed('kebakaran', { emergency: true, agency: 'DAMKAR' })],
  },
  {
    name: 'a landslide warning speaks of the landslide, not of fire',
    lines: [['tanah longsor di kelurahan jatiwangi rumah warga tertimbun', { has: ['bencana', '112', 'BM-0001'], not: /\bapi\b/ }]],
    then: [filed('bencana', { emergency: true })],
  },
  {
    name: 'a fire without a place: the place given afterwards updates the ticket and its desk card',
    lines: [['tolong ada kebakaran besar!!', { has: ['112', 'BM-0001', 'lokasi'] }], ['jalan sultan kaharuddin dekat masjid', 'lokasi sudah kami tambahkan']],
    then: [filed('kebakaran'), placeContains('sultan kaharuddin'), deskHeard('Lokasi')],
  },
  {
    name: 'a fire: a pin and a photo sent afterwards reach the ticket',
    lines: [['kebakaran rumah tolong cepat', 'BM-0001'], [{ pin: { latitude: -8.46, longitude: 118.72 } }, 'foto'], [{ photo: '/tmp/api.jpg' }, 'Foto diterima']],
    then: [filed('kebakaran', { latitude: -8.46, longitude: 118.72 }), photos(1)],
  },
  {
    name: 'the citizen who runs off after a fire report still has the ticket',
    lines: [['KEBAKARAN di pasar raya bima api gede', 'BM-0001'], [{ wait: { hours: 5 } }], ['laporan saya', 'BM-0001']],
    then: [filed('kebakaran'), filedCount(1)],
  },
  {
    name: 'an emergency passes the hourly limit',
    given: alreadyFiled(5),
    lines: [['kebakaran rumah di jalan soekarno hatta', { has: 'BM-0006', not: 'cukup banyak laporan' }]],
    then: [filed('kebakaran')],
  },
];

const askWhatHelps: Dialogue[] = [
  {
    name: '"min mau lapor" then "di jl. sudirman": the bot asks what the problem is',
    lines: [['min mau lapor', 'ceritakan singkat masalahnya'], ['di jl. sudirman', { has: 'Apa masalahnya', not: 'Kirim laporan ini?' }],
      ['sampah numpuk belum diangkut seminggu', 'foto'], ['lewati', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [filed('sampah'), descriptionContains('belum diangkut'), placeContains('sudirman')],
  },
  {
    name: 'a KTP complaint asks neither a street nor a photo',
    lines: [['ktp saya belum jadi sudah 3 bulan padahal sudah rekam', { has: 'Kirim laporan ini?', not: ['Di mana lokasinya', 'foto kondisinya'] }], ['ya', 'BM-0001']],
    then: [filed('kependudukan')],
  },
  {
    name: 'a bansos complaint asks the place once and accepts "lewati"; no photo',
    lines: [['bansos blt tidak tepat sasaran, tetangga saya yang mampu dapat', { has: 'lewati', not: 'Di mana lokasinya' }], ['lewati', { has: 'Kirim laporan ini?', not: 'foto' }], ['ya', 'BM-0001']],
    then: [filed('sosial')],
  },
  {
    name: 'a map pin first, then the problem',
    lines: [[{ pin: { latitude: -8.4606, longitude: 118.7271 } }, 'Apa masalahnya'], ['got mampet airnya meluap ke jalan', /foto|periksa/]],
  },
  {
    name: 'RT/RW typed at the location question are kept',
    lines: [['lampu jalan mati sudah 3 hari', 'Di mana lokasinya'], ['gang mawar rt 04 rw 02 kelurahan paruga', 'foto'], ['lewati'], ['ya', 'BM-0001']],
    then: [filed('lampu_jalan', { rt: '04', rw: '02' })],
  },
];

const questions: Dialogue[] = [
  {
    name: 'a school-fee complaint ending in a question is a complaint',
    lines: [['sekolah anak sy SDN 5 minta uang seragam sama uang gedung 750rb, katanya wajib. bukannya sekolah negeri gratis ya?', { not: '24 jam' }]],
    then: [(w) => {
      const all = w.inbox().join('\n');
      if (!/Kirim laporan ini|lewati|BM-/.test(all)) throw new Error(`not treated as a complaint:\n${all}`);
    }],
  },
  {
    name: '"jam buka kantor dukcapil jam brp?" gets Dukcapil\'s hours',
    lines: [['jam buka kantor dukcapil jam brp?', { has: 'Dukcapil', not: 'SuaraWarga bisa dikirim 24 jam' }]],
  },
  {
    name: 'a question about another office\'s hours is not answered with SuaraWarga\'s',
    lines: [['jam berapa kantor dinas lingkungan hidup buka?', { not: 'SuaraWarga bisa dikirim 24 jam' }]],
  },
  {
    name: 'a question about SuaraWarga\'s hours gets SuaraWarga\'s',
    lines: [['jam layanan laporan jam berapa?', '24 jam']],
  },
  {
    name: 'a question about KTP requirements gets the FAQ answer',
    lines: [['syarat bikin ktp apa aja?', 'Kartu Keluarga']],
  },
];

const idleTalk: Dialogue[] = [
  { name: 'a greeting gets the menu', lines: [['halo min', 'SuaraWarga Kota Bima']] },
  { name: 'thanks gets a thank-you', lines: [['makasih ya min', 'Sama-sama']] },
  { name: 'emoji only is unclear, politely', lines: [['🙏🙏', 'belum menangkap']] },
  { name: '"batal" with nothing open explains how to withdraw a filed report', lines: [['batal', 'batal BM-0001']] },
];

const groups: [string, Dialogue[]][] = [
  ['answers as people give them', answers],
  ['skipping the photo in words', photoSkips],
  ['a place the citizen does not know', unknownPlaces],
  ['a place corrected at the photo question', placeAtPhoto],
  ['corrections before filing', corrections],
  ['emergencies filed at once', emergencies],
  ['ask only what helps', askWhatHelps],
  ['questions vs complaints', questions],
  ['idle talk', idleTalk],
];

for (const [group, dialogues] of groups) {
  describe(group, () => {
    for (const d of dialogues) it(d.name, async () => await run(d));
  });
}
