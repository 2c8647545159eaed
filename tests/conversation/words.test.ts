/**
 * The answer vocabulary of prompts/words.yaml read as citizens type it: each
 * row is a real answer and what it means for the question it answers.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { wordsFileSchema } from '../../core/config/schema.js';
import { choiceNumber, feedbackAnswer, isCancel, isConfidential, isNo, isSkip, isYes, ratingOf } from '../../core/conversation/words.js';

const words = wordsFileSchema.parse(parse(readFileSync('prompts/words.yaml', 'utf8')));

type Meaning = 'yes' | 'no' | 'skip' | 'cancel' | 'unclear';

/** "Kirim laporan ini?" answers. */
const SUMMARY: [string, Meaning][] = [
  ['ya', 'yes'], ['ya min', 'yes'], ['iya pak', 'yes'], ['yaa', 'yes'], ['iyaa bener', 'yes'], ['ok min', 'yes'], ['ya kirim aja', 'yes'],
  ['siap pak, kirim', 'yes'], ['okeee', 'yes'], ['Iya Bu.', 'yes'], ['betul kak 🙏', 'yes'], ['nggih', 'yes'], ['enggeh mas', 'yes'],
  ['muhun', 'yes'], ['sumuhun', 'yes'], ['enjeh', 'yes'], ['sip', 'yes'], ['gas', 'yes'], ['YA KIRIM', 'yes'], ['iya dong', 'yes'],
  ['boleh deh', 'yes'], ['ya udah kirim aja', 'yes'], ['👍', 'yes'], ['👍🏻👍🏻', 'yes'], ['👌', 'yes'], ['✅', 'yes'], ['🙏', 'unclear'], ['👎', 'unclear'], ['yaudah min', 'yes'], ['gak mau', 'no'], ['benar sekali', 'yes'],
  ['ga usah min', 'cancel'], ['jangan dulu', 'cancel'], ['tidak jadi', 'cancel'], ['gak jadi deh', 'cancel'], ['batal aja', 'cancel'],
  ['tidak', 'no'], ['ndak', 'no'], ['ora', 'no'], ['teu', 'no'], ['nggak pak', 'no'], ['jangan', 'no'], ['gk', 'no'],
  ['hmm', 'unclear'], ['ya tapi lokasinya salah', 'unclear'], ['ya ga tau', 'unclear'], ['sampah numpuk', 'unclear'],
];

function meaning(text: string): Meaning {
  if (isYes(words, text)) return 'yes';
  if (isCancel(words, text)) return 'cancel';
  if (isNo(words, text)) return 'no';
  return 'unclear';
}

describe('answers to "Kirim laporan ini?"', () => {
  it.each(SUMMARY)('"%s" is %s', (text, want) => {
    expect(meaning(text)).toBe(want);
  });
});

describe('answers to "Ada foto?"', () => {
  it.each([['lewati', true], ['gak ada min', true], ['ga ada foto', true], ['nanti aja', true], ['skip', true], ['teu aya', true],
    ['ora ono', true], ['foto nyusul', true], ['ini fotonya', false], ['lubangnya besar sekali', false]] as const)('"%s" skips: %s', (text, want) => {
    expect(isSkip(words, text)).toBe(want);
  });
});

describe('answers to "Sudah beres?"', () => {
  const rows: [string, boolean | undefined, string][] = [
    ['sudah', true, ''], ['udah beres makasih', true, 'makasih'], ['alhamdulillah sudah', true, ''], ['sampun', true, ''], ['nggih sampun', true, 'sampun'],
    ['belum', false, ''], ['belum pak masih mati', false, 'pak masih mati'], ['blm', false, ''], ['dereng', false, ''], ['durung', false, ''],
    ['teu acan', false, ''], ['masih bocor', false, 'bocor'], ['sudah tapi masih bocor', false, 'tapi masih bocor'], ['gak beres', false, ''],
    ['min, belum juga', false, 'juga'], ['apa kabar', undefined, ''],
  ];
  it.each(rows)('"%s" → resolved %s', (text, resolved, rest) => {
    const a = feedbackAnswer(words, text);
    if (resolved === undefined) return expect(a).toBeUndefined();
    expect(a).toEqual({ resolved, rest });
  });
});

describe('ratings', () => {
  const rows: [string, number | undefined, boolean][] = [
    ['4', 4, false], ['bintang 4', 4, false], ['empat', 4, false], ['lima min', 5, false], ['5/5', 5, false], ['4 dari 5', 4, false],
    ['⭐⭐⭐', 3, false], ['nilai 1', 1, false], ['nilainya 4', 4, false], ['saya kasih 5', 5, false], ['3 aja, lama bgt nambalnya', 3, true], ['5 mantap petugasnya', 5, true],
    ['mantap 5 bintang', 5, true], ['lumayan lah 4, tapi lama', 4, true], ['5 dr 5', 5, false], ['sudah, mantap pelayanannya, 5', 5, true],
    ['jalan 3 hari baru ditambal', undefined, false], ['lama bgt 2 minggu baru datang', undefined, false], ['rt 3 masih gelap', undefined, false], ['7', undefined, false], ['bagus', undefined, false], ['2 atau 3', undefined, false],
  ];
  it.each(rows)('"%s" → %s (comment kept: %s)', (text, rating, comment) => {
    const r = ratingOf(words, text);
    expect(r?.rating).toBe(rating);
    if (rating !== undefined) expect(r?.comment !== undefined).toBe(comment);
  });
});

describe('asking for a confidential report', () => {
  it.each([
    ['rahasia', true], ['RAHASIA min', true], ['tolong dirahasiakan nama saya ya min', true], ['identitas saya jangan disebar ya', true],
    ['mohon nama sy jangan disebut', true], ['minta dirahasiakan', true],
    ['sampah numpuk di jalan rahasia', false], ['jangan disebut lagi', false], ['nama jalannya salah', false],
  ] as const)('"%s" → %s', (text, yes) => {
    expect(isConfidential(words, text)).toBe(yes);
  });
});

describe('choice numbers', () => {
  it.each([['2', 2], ['no 2', 2], ['nomor dua', 2], ['yang kedua aja', 2], ['pilih 3 min', 3], ['1.', 1], ['jalan 2 rusak', undefined], ['dua tiga', undefined]] as const)(
    '"%s" → %s', (text, n) => {
      expect(choiceNumber(words, text)).toBe(n);
    },
  );
});
