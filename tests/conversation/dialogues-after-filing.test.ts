/**
 * The conversation around filed reports: new complaints while a question is open,
 * closing the loop, the smaller fixes, and choices, support, pins and limits. Each row
 * is a scripted dialogue run through the real engine on real SQLite.
 */
import { describe, it } from 'vitest';
import { fileTicket, STAFF } from '../outbox/support.js';
import {
  alreadyFiled, both, deskHeard, deskHeardNothing, filed, filedCount, noPinStored, nothingFiled, othersTicket, placeContains, resolvedTicket, run, stateOf, supporters, type Dialogue,
} from './support/dialogue.js';
import { GARBAGE, toSummary } from './support/scripts.js';

const interruptions: Dialogue[] = [
  {
    name: 'while "Sudah beres?" waits on a garbage ticket, a water complaint starting with "gak" is a new report',
    given: resolvedTicket('sampah'),
    lines: [['gak ada air pdam di jalan gajah mada sudah 2 hari', { not: 'buka kembali' }], ['lewati'], ['ya', 'BM-0002']],
    then: [stateOf(0, 'selesai'), filed('air_bersih')],
  },
  {
    name: 'while "Sudah beres?" waits on a water ticket elsewhere, "gak ada air pdam di jalan gajah mada" is a new report',
    given: resolvedTicket('air_bersih'),
    lines: [['gak ada air pdam di jalan gajah mada sudah 2 hari', { not: 'buka kembali' }], ['lewati'], ['ya', 'BM-0002']],
    then: [stateOf(0, 'selesai'), filed('air_bersih'), placeContains('gajah mada')],
  },
  {
    name: 'while "Sudah beres?" waits on a water ticket, "gak, air pdam masih mati" reopens it',
    given: resolvedTicket('air_bersih'),
    lines: [['gak pak, air pdam masih mati sampai sekarang', 'buka kembali']],
    then: [stateOf(0, 'diproses', { reopenCount: 1 }), filedCount(1)],
  },
  {
    name: 'at the rating question a new complaint starts a new report',
    given: resolvedTicket('air_bersih'),
    lines: [['sudah beres', 'Balas angka'], ['lampu jalan mati di jalan sumbawa depan sd 3 gelap bgt', { not: 'penilaian' }]],
    then: [stateOf(0, 'ditutup'), async (w) => { if ((await w.t.app.store.conversations.get((await w.mine())[0]!.citizenId, 'memory'))!.state === 'rating') throw new Error('still at rating'); }],
  },
  {
    name: 'at the photo question a complaint about something else replaces the draft, with a note',
    lines: [[GARBAGE, 'foto'], ['lampu jalan mati di gang mawar rt 02 sudah 3 hari gelap', { has: ['belum terkirim', 'foto'] }], ['lewati', 'Lampu Jalan'], ['ya', 'BM-0001']],
    then: [filed('lampu_jalan'), filedCount(1)],
  },
  {
    name: 'unsure whether "belum, lampu jalan … juga mati" answers "Sudah beres?": the bot asks; "1" makes it a new report',
    given: resolvedTicket('sampah'),
    lines: [['belum, lampu jalan di gang mawar juga mati', 'Ini laporan baru, atau jawaban untuk laporan *BM-0001*?'], ['1', 'foto'], ['lewati'], ['ya', 'BM-0002']],
    then: [stateOf(0, 'selesai'), filed('lampu_jalan'), placeContains('gang mawar')],
  },
  {
    name: 'the same, answered "jawaban": the ticket is reopened with the message as the note',
    given: resolvedTicket('sampah'),
    lines: [['belum, lampu jalan di gang mawar juga mati', 'Ini laporan baru'], ['2', 'buka kembali']],
    then: [stateOf(0, 'diproses'), filedCount(1), async (w) => {
      const ev = (await w.t.app.store.tickets.events((await w.mine())[0]!.id)).at(-1)!;
      if (!ev.note?.includes('gang mawar')) throw new Error(`note: ${ev.note}`);
    }],
  },
  {
    name: 'a short unclear complaint during a draft: asked, and "masih tentang" goes back to the draft',
    lines: [[GARBAGE, 'foto'], ['lampu jalan mati', 'Ini laporan baru, atau masih tentang laporan *Sampah*'], ['2', 'Kirim laporan ini?'], ['ya', 'BM-0001']],
    then: [filed('sampah')],
  },
  {
    name: 'a status check in the middle of a draft answers and repeats the question',
    lines: [[GARBAGE, 'foto'], ['laporan saya', 'masih menunggu jawaban'], ['lewati', 'Kirim laporan ini?']],
  },
  {
    name: 'a greeting at the location question is not taken as the place',
    lines: [['lampu jalan mati sudah 3 hari', 'Di mana lokasinya'], ['halo min', 'masih menunggu jawaban'], ['gang mawar', 'foto'], ['lewati'], ['ya', 'BM-0001']],
    then: [placeContains('gang mawar')],
  },
  {
    name: 'a greeting in the middle of a draft repeats the open question',
    lines: [[GARBAGE, 'foto'], ['halo min', 'masih menunggu jawaban']],
  },
  {
    name: 'late "belum" (three hours after a bare belum) still reaches the desk, without the expired-draft note',
    given: resolvedTicket('air_bersih'),
    lines: [['belum', 'Apa yang masih perlu ditangani'], [{ wait: { hours: 3 } }], ['airnya cuma ngalir sebentar tiap pagi', { has: 'sudah kami sampaikan', not: 'tidak kami lanjutkan' }]],
    then: [deskHeard('airnya cuma ngalir sebentar'), filedCount(1), stateOf(0, 'diproses')],
  },
  {
    name: 'a draft left for hours is still dropped politely',
    lines: [[GARBAGE, 'foto'], [{ wait: { hours: 3 } }], ['halo', 'sudah lama tidak ada balasan']],
    then: [nothingFiled],
  },
  {
    name: 'a voice note at the summary is refused and the question repeated',
    lines: [...toSummary, [{ voice: true }, { has: ['pesan suara', 'masih menunggu jawaban'] }], ['ya', 'BM-0001']],
  },
  {
    name: '"batal" at any draft question drops the draft',
    lines: [[GARBAGE, 'foto'], ['batal', 'dibatalkan'], ['ya', { not: 'Nomor laporan' }]],
    then: [nothingFiled],
  },
];

const closingTheLoop: Dialogue[] = [
  {
    name: '"belum pak masih mati" reopens with the citizen\'s words',
    given: resolvedTicket(),
    lines: [['belum pak masih mati', 'buka kembali']],
    then: [stateOf(0, 'diproses', { reopenCount: 1 })],
  },
  {
    name: '"dereng" (Javanese) reopens',
    given: resolvedTicket(),
    lines: [['dereng', 'buka kembali'], ['lewati', 'menindaklanjuti']],
    then: [stateOf(0, 'diproses')],
  },
  {
    name: '"sudah tapi masih bocor" is not a yes',
    given: resolvedTicket(),
    lines: [['sudah tapi pipanya masih bocor', 'buka kembali']],
    then: [stateOf(0, 'diproses')],
  },
  {
    name: '"udah beres makasih" closes; "3 aja, lama bgt nambalnya" keeps the rating and the comment',
    given: resolvedTicket('jalan_rusak'),
    lines: [['udah beres makasih', 'Balas angka'], ['3 aja, lama bgt nambalnya', { has: 'kami tutup', not: 'Mohon balas dengan angka' }]],
    then: [stateOf(0, 'ditutup', { rating: 3, ratingComment: '3 aja, lama bgt nambalnya' }), deskHeard('lama bgt nambalnya')],
  },
  {
    name: '"sudah beres min, bintang 5 petugasnya cepat" closes, rates and thanks in one go',
    given: resolvedTicket(),
    lines: [['sudah beres min, bintang 5 petugasnya cepat', { has: 'kami tutup', not: 'Balas angka' }]],
    then: [stateOf(0, 'ditutup', { rating: 5 }), deskHeard('petugasnya cepat')],
  },
  ...[['mantap 5 bintang', 5], ['lumayan lah 4, tapi lama', 4], ['oke lah 3 aja', 3]].map(([said, n]): Dialogue => ({
    name: `rating "${said}": the number after words is the rating, the words its comment`,
    given: resolvedTicket(),
    lines: [['sudah', 'Balas angka'], [said as string, { has: 'kami tutup', not: 'Mohon balas dengan angka' }]],
    then: [stateOf(0, 'ditutup', { rating: n as number, ratingComment: said as string })],
  })),
  ...[['bintang 4', 4], ['empat', 4], ['5/5', 5], ['⭐⭐', 2], ['nilai 1', 1], ['lima min', 5]].map(([said, n]): Dialogue => ({
    name: `rating "${said}" is ${n}`,
    given: resolvedTicket(),
    lines: [['sudah', 'Balas angka'], [said as string, 'saran atau komentar'], ['mantap petugasnya', 'kami tutup']],
    then: [stateOf(0, 'ditutup', { rating: n as number, ratingComment: 'mantap petugasnya' })],
  })),
  {
    name: '"petugasnya ramah" at the rating question is kept as a comment and closes the question',
    given: resolvedTicket(),
    lines: [['sudah', 'Balas angka'], ['petugasnya ramah sekali', { has: 'kami tutup', not: 'Mohon balas dengan angka' }]],
    then: [stateOf(0, 'ditutup', { rating: null, ratingComment: 'petugasnya ramah sekali' }), deskHeard('petugasnya ramah')],
  },
  {
    name: 'after a bare "belum", "petugas belum datang sama sekali" is the note for the desk, not a new report',
    given: resolvedTicket(),
    lines: [['belum', 'Apa yang masih perlu ditangani'], ['petugas belum datang sama sekali', 'sudah kami sampaikan']],
    then: [deskHeard('petugas belum datang'), filedCount(1)],
  },
  {
    name: '"lewati" at the rating is not thanked for a rating and stores none',
    given: resolvedTicket(),
    lines: [['nggih sampun', 'Balas angka'], ['lewati', { has: 'kami tutup', not: 'atas penilaian' }]],
    then: [stateOf(0, 'ditutup', { rating: null })],
  },
  {
    name: 'the "Ya, sudah beres" button closes the ticket',
    given: resolvedTicket(),
    lines: [[{ press: 'beres:1' }, 'Balas angka']],
    then: [stateOf(0, 'ditutup')],
  },
  {
    name: 'the resolve notice does not say the same thing twice',
    given: resolvedTicket(),
    lines: [['halo']],
    then: [(w) => {
      const all = w.inbox().join('\n');
      if (all.includes('Petugas menyatakan')) throw new Error(`said twice:\n${all}`);
    }],
  },
];

const smaller: Dialogue[] = [
  {
    name: 'at the category list, explaining the problem again in words answers it',
    lines: [['tolong pak ada yang tidak beres di lingkungan kami', 'termasuk yang mana'], ['lampu jalan mati di gang mawar sudah 3 hari gelap', { has: 'foto', not: 'belum terkirim' }], ['lewati'], ['ya', 'BM-0001']],
    then: [filed('lampu_jalan')],
  },
  {
    name: 'the category list is printed once, as choices',
    lines: [['tolong pak ada yang tidak beres di lingkungan kami', { has: 'termasuk yang mana', not: /\n1\. / }]],
  },
  {
    name: 'after STOP the filing text does not promise updates',
    lines: [['stop', 'tidak akan menerima kabar'], ...toSummary, ['ya', { has: 'BM-0001', not: 'Kami akan mengabari' }]],
  },
  {
    name: 'after RAHASIA the summary and the confirmation say the report is confidential',
    lines: [...toSummary, ['RAHASIA', { has: ['rahasia', 'RAHASIA*: tidak ada yang ditampilkan'] }], ['ya', { has: ['BM-0001', 'ditandai *RAHASIA*'] }]],
    then: [filed('sampah', { confidential: true })],
  },
  {
    name: '"tolong dirahasiakan nama saya ya min" at the summary makes the report confidential, not a detail of the public description',
    lines: [...toSummary, ['tolong dirahasiakan nama saya ya min', { has: 'RAHASIA*: tidak ada yang ditampilkan', not: 'ditambahkan' }], ['ya', { has: ['BM-0001', 'ditandai *RAHASIA*'] }]],
    then: [filed('sampah', { confidential: true }), async (w) => { if ((await w.mine())[0]!.description.includes('rahasia')) throw new Error('the request became part of the description'); }],
  },
  {
    name: 'the summary says in one line what will be public',
    lines: [[GARBAGE], ['lewati', 'Yang tampil di data publik']],
  },
  {
    name: 'a health complaint\'s summary says it stays private',
    lines: [['pelayanan puskesmas paruga lama sekali, antri dari pagi dokter tidak datang'], ['lewati']],
    then: [(w) => { if (!w.inbox().join('\n').includes('tidak ditampilkan di data publik')) throw new Error(w.inbox().join('\n')); }],
  },
  {
    name: '"laporan saya" with 14 open tickets lists ten and says how many more',
    given: alreadyFiled(14),
    lines: [['laporan saya', { has: ['dan 4 laporan lainnya'] }]],
  },
  {
    name: 'a citizen supporting many tickets still gets "Sudah beres?" read on their own',
    given: both(resolvedTicket('air_bersih'), async (w) => {
      for (let i = 0; i < 6; i++) {
        const other = await w.t.app.store.citizens.resolve('memory', { address: `lain-${i}` }, w.t.clock.now());
        const me = (await w.t.app.store.citizens.findByAddress('memory', w.who))!;
        const tk = await w.t.app.tickets.file({
          citizenId: other.id, channel: 'memory', category: 'sampah', agency: 'DLH', description: 'x', locationText: `tempat ${i}`, kelurahan: null, kecamatan: null,
          rt: null, rw: null, latitude: null, longitude: null, confidence: 1, emergency: false, confidential: false, trustedReporter: null, routeRule: null, triage: false, photos: [],
        }, { type: 'system' });
        await w.t.app.tickets.act(tk.id, 'ambil', { actor: { type: 'staff', id: '1' } });
        await w.t.app.tickets.act(tk.id, 'selesaikan', { actor: { type: 'staff', id: '1' }, note: 'ok' });
        await w.t.app.tickets.support(tk.id, me.id);
      }
    }),
    lines: [['belum', 'BM-0001']],
    then: [stateOf(0, 'diproses')],
  },
  {
    name: 'news about one\'s own ticket reaches the desk',
    given: (w) => void alreadyFiled(1)(w),
    lines: [['BM-0001 sampahnya masih numpuk makin bau, tikus banyak', 'BM-0001']],
    then: [deskHeard('tikus banyak')],
  },
  {
    name: 'a plain status question does not bother the desk',
    given: (w) => void alreadyFiled(1)(w),
    lines: [['cek BM-0001 gimana min', 'BM-0001']],
    then: [deskHeardNothing],
  },
];

const BAD_PINS = [
  { latitude: 91, longitude: 118 }, { latitude: -8.4, longitude: 181 }, { latitude: 1e308, longitude: 1e308 },
  { latitude: Number.NaN, longitude: 118 }, { latitude: -8.4, longitude: Number.POSITIVE_INFINITY }, { latitude: -90.0001, longitude: 0 },
];

const privacy: Dialogue[] = [
  ...BAD_PINS.map((pin): Dialogue => ({
    name: `a pin at ${pin.latitude}, ${pin.longitude} is refused politely and nothing is stored`,
    lines: [['lampu jalan mati sudah 3 hari gelap', 'lokasi'], [{ pin }, { has: 'lokasi tidak valid', not: ['Infinity', 'NaN', 'Titik peta'] }]],
    then: [noPinStored],
  })),
  {
    name: 'a forged "dukung:<id>" button makes nobody a supporter',
    given: othersTicket('sampah', 'jalan melati'),
    lines: [[{ press: 'dukung:1' }, { not: 'dukungan Anda' }], ['cek BM-0001', 'tidak ditemukan']],
    then: [supporters(0, 0)],
  },
  {
    name: 'a forged "kategori:<anything>" never stores an unknown category',
    lines: [['tolong pak ada yang tidak beres di lingkungan kami', 'termasuk yang mana'], [{ press: 'kategori:senjata_rahasia' }, 'tidak berlaku'], ['1', /foto|lokasi|periksa/]],
    then: [async (w) => { for (const tk of await w.all()) if (tk.category === 'senjata_rahasia') throw new Error('unknown category stored'); }],
  },
  {
    name: 'a similar open ticket nearby is offered; "1" supports it',
    given: othersTicket('sampah', 'jalan sudirman dekat pasar'),
    lines: [[GARBAGE, 'foto'], ['lewati', 'Sudah ada laporan serupa'], ['1', 'dukungan Anda']],
    then: [supporters(0, 1), filedCount(0)],
  },
  ...['iya dukung aja', 'dukung', 'ya itu sama min'].map((said): Dialogue => ({
    name: `"${said}" at "Sudah ada laporan serupa" supports the other report`,
    given: othersTicket('sampah', 'jalan sudirman dekat pasar'),
    lines: [[GARBAGE, 'foto'], ['lewati', 'Sudah ada laporan serupa'], [said, 'dukungan Anda']],
    then: [supporters(0, 1), filedCount(0)],
  })),
  ...['gak, bikin baru aja', 'beda min, itu yg lain', 'buat baru aja min', 'gak sama min'].map((said): Dialogue => ({
    name: `"${said}" at "Sudah ada laporan serupa" goes on with the citizen's own report, not cancelling it`,
    given: othersTicket('sampah', 'jalan sudirman dekat pasar'),
    lines: [[GARBAGE, 'foto'], ['lewati', 'Sudah ada laporan serupa'], [said, { has: 'Kirim laporan ini?', not: 'dibatalkan' }], ['ya', 'BM-0002']],
    then: [supporters(0, 0), filed('sampah')],
  })),
  {
    name: 'a declined duplicate is not offered again for that report, even after correcting the place',
    given: othersTicket('sampah', 'jalan sudirman dekat pasar'),
    lines: [[GARBAGE, 'foto'], ['lewati', 'Sudah ada laporan serupa'], ['2', 'Kirim laporan ini?'],
      ['lokasinya salah, harusnya jalan sudirman dekat pasar raya', { not: 'Sudah ada laporan serupa' }], ['ya', 'BM-0002']],
    then: [supporters(0, 0), filed('sampah')],
  },
  {
    name: 'a confidential ticket nearby is never offered for support',
    given: othersTicket('sampah', 'jalan sudirman dekat pasar', { confidential: true }),
    lines: [[GARBAGE, 'foto'], ['lewati', { has: 'Kirim laporan ini?', not: 'Sudah ada laporan serupa' }]],
  },
  {
    name: 'the sixth report within an hour is refused with when to try again',
    given: alreadyFiled(5),
    lines: [[GARBAGE, { has: ['cukup banyak laporan', 'WITA'] }]],
    then: [filedCount(5)],
  },
  {
    name: 'after an hour the citizen may report again',
    given: alreadyFiled(5),
    lines: [[{ wait: { hours: 1, minutes: 1 } }], ...toSummary, ['ya', 'BM-0006']],
    then: [filedCount(6)],
  },
  {
    name: 'a forged "beres:<id>" on another citizen\'s ticket closes nothing',
    given: async (w) => {
      const tk = await fileTicket(w.t, 'warga-lain', 'air_bersih');
      await w.t.app.tickets.act(tk.id, 'ambil', { actor: STAFF });
      await w.t.app.tickets.act(tk.id, 'selesaikan', { actor: STAFF, note: 'Sudah' });
    },
    lines: [[{ press: 'beres:1' }, { not: 'Balas angka' }], [{ press: 'belum:1' }, { not: 'buka kembali' }]],
    then: [async (w) => { if ((await w.all())[0]!.state !== 'selesai') throw new Error(`another citizen changed it: ${(await w.all())[0]!.state}`); }],
  },
];

const groups: [string, Dialogue[]][] = [
  ['pending questions never swallow a new complaint', interruptions],
  ['closing the loop', closingTheLoop],
  ['smaller fixes', smaller],
  ['choices, support, pins and limits', privacy],
];

for (const [group, dialogues] of groups) {
  describe(group, () => {
    for (const d of dialogues) it(d.name, async () => await run(d));
  });
}
