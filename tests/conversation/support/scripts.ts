/** Lines several dialogue files start from. */
import type { Line } from './dialogue.js';

export const GARBAGE = 'sampah numpuk di jalan sudirman dekat pasar udah seminggu';
/** A garbage report up to its summary. */
export const toSummary: Line[] = [[GARBAGE, /kirimkan foto/], ['lewati', 'Kirim laporan ini?']];
export const SUMMARY_AGAIN = 'Mohon periksa laporan Anda';

export const yesAtSummary = ['ya min', 'iya pak', 'yaa', 'iyaa bener', 'ok min', 'ya kirim aja', 'siap pak, kirim', 'okeee', 'betul kak',
  'nggih', 'muhun', 'sumuhun', 'enjeh', 'sip, kirim', 'gas min', '1', 'iya benar itu min', 'boleh, kirim aja', '👍', '👍🏽', '👌', '✅'];
export const noAtSummary = ['ga usah min', 'jangan dulu', 'tidak jadi', 'gak jadi deh', 'ndak', 'ora', 'teu', 'batal aja', '2'];
