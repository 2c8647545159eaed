/**
 * The answers to the questions of a draft: what happened, where, a photo, which
 * category, a nearby ticket to support instead, and the summary, where the
 * citizen confirms, cancels, or corrects the place, the category or the detail.
 */
import { reply } from '../config/texts.js';
import { attachExtras, categoryOf, locationFrom, typedLocation } from './draft.js';
import { keywordCategory } from './faq.js';
import { categoryOptions, continueDraft, fileDraft, MAX_TEXT_CHARS } from './filing.js';
import { supportTicket } from './status.js';
import { ask, pickedChoice, reask, reset, say, type Dialogue, type Turn } from './turn.js';
import type { Draft } from './types.js';
import { hasWords, isCancel, isNo, isSkip, isUnknown, isYes, mentions, saysOnly, squeeze } from './words.js';

/** Words that only say where, around a place ("di jl. sudirman", "lokasinya dekat pasar"). */
const PLACE_FILLER = new Set(['di', 'ke', 'dari', 'dekat', 'dkt', 'depan', 'dpn', 'samping', 'belakang', 'sebelah', 'seberang', 'lokasi', 'lokasinya',
  'tempat', 'tempatnya', 'alamat', 'alamatnya', 'daerah', 'sekitar', 'arah', 'ujung', 'pojok', 'itu', 'ini', 'sini', 'sana', 'situ', 'ada', 'yg', 'yang']);

/** The message only names a place: the problem itself is still to be told. */
function onlyPlace(turn: Turn): boolean {
  const loc = turn.cls.location;
  if (!loc) return false;
  const placeWords = new Set(squeeze(loc.text).split(' '));
  const left = squeeze(turn.text).split(' ').filter((w) => w && !placeWords.has(w) && !PLACE_FILLER.has(w) && !/^(jl|jln|jalan|gg|gang|rt|rw|kel|kelurahan|kec|kecamatan|no|\d+)$/.test(w));
  return left.filter((w) => !saysOnly(turn.cfg.words, 'yes', w)).length === 0;
}

function draftOf(turn: Turn): Draft | undefined {
  return turn.state.data.draft;
}

/** Takes the classifier's reading of a fuller description. */
function takeReading(turn: Turn, draft: Draft): void {
  if (turn.cls.intent === 'lapor' || turn.cls.category) {
    draft.category = turn.cls.category;
    draft.confidence = turn.cls.confidence;
    draft.alternatives = turn.cls.alternatives;
  }
  if (!draft.location) {
    const loc = locationFrom(turn.cls);
    if (loc) draft.location = loc;
  }
}

/** "Apa masalahnya?" */
export const description: Dialogue = {
  expires: true,
  expects: (_ctx, turn) => turn.cls.intent === 'lapor' || !!turn.msg.location || !!turn.msg.media?.path,
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    if (!draft) return reset(turn);
    attachExtras(turn, draft);
    if (turn.msg.media?.path) say(turn, 'photo_received');
    if (!turn.text || !hasWords(turn.text)) return await continueDraft(ctx, turn);
    if (onlyPlace(turn)) {
      // "di jl. sudirman": a place, not the problem. Keep it and ask what happened.
      draft.location = locationFrom(turn.cls)!;
      return await continueDraft(ctx, turn);
    }
    draft.description = turn.text;
    takeReading(turn, draft);
    await continueDraft(ctx, turn);
  },
};

/** "Di mana lokasinya?" (also after "ubah lokasi" at the summary). */
export const location: Dialogue = {
  expires: true,
  // Free words are taken as the place too, but only after the interruption check ("halo" is not a place).
  expects: (_ctx, turn) => !!turn.msg.location || !!turn.cls.location || isSkip(turn.cfg.words, turn.text),
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    if (!draft) return reset(turn);
    const hadPin = draft.location?.latitude !== undefined;
    attachExtras(turn, draft);
    const words = turn.cfg.words;
    const text = turn.text;
    const correcting = turn.state.data.correcting;
    const place = categoryOf(turn, draft.category)?.place ?? 'required';
    // "gak tau nama jalannya" and "harus detail ya min?" are not places: a landmark will do, or (optional) none.
    const unknown = !turn.msg.location && isUnknown(words, text);
    const question = !turn.msg.location && !turn.cls.location && /\?\s*$/.test(text);
    if ((!draft.location || correcting) && (unknown || question)) {
      if (unknown && place !== 'required' && !correcting) return await continueDraft(ctx, turn);
      return reask(turn, unknown ? 'location_unknown' : 'ask_location_again');
    }
    if (turn.msg.location && draft.location?.latitude !== undefined && !hadPin) {
      // The pin is the answer.
    } else if (text && hasWords(text) && text.length >= 3 && !isNo(words, text) && !isSkip(words, text) && !unknown && !question) {
      // Citizens describe places freely ("belakang rumah pak RT"); keep their words, with RT/RW and area when found.
      if (!draft.location || correcting) {
        const prev = draft.location;
        draft.location = typedLocation(turn);
        if (prev?.latitude !== undefined && !correcting) Object.assign(draft.location, { latitude: prev.latitude, longitude: prev.longitude });
      }
    }
    if (turn.msg.media?.path) say(turn, 'photo_received');
    if (!draft.location && (place === 'required' || (!isSkip(words, text) && !isNo(words, text) && !turn.msg.media?.path))) {
      return reask(turn, place === 'required' ? 'ask_location_again' : 'ask_location_optional_again');
    }
    if (correcting) {
      delete turn.state.data.correcting;
      draft.duplicateChecked = false;
      return await continueDraft(ctx, turn, reply(turn.cfg, 'correction_done'));
    }
    await continueDraft(ctx, turn);
  },
};

/** "Ada foto?" */
export const photo: Dialogue = {
  expires: true,
  expects: (_ctx, turn) => !!turn.msg.media?.path || !!turn.msg.location || isSkip(turn.cfg.words, turn.text) || isNo(turn.cfg.words, turn.text),
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    if (!draft) return reset(turn);
    if (attachExtras(turn, draft)) {
      if (turn.msg.media?.path) say(turn, 'photo_received');
      return await continueDraft(ctx, turn);
    }
    const text = turn.text;
    // "eh salah min, bukan jl sudirman tapi jl hasanuddin", "tepatnya di depan sdn 20": the place, not more detail.
    if (turn.cls.location && (wantsPlaceChange(turn) || PLACE_FIX.test(squeeze(text)) || onlyPlace(turn))) {
      const loc = correctedPlace(turn);
      // The place already noted, typed again, changes nothing and is not announced as a change.
      if (loc && squeeze(loc.text) !== squeeze(draft.location?.text ?? '')) {
        draft.location = draft.location?.latitude !== undefined ? { ...loc, latitude: draft.location.latitude, longitude: draft.location.longitude } : loc;
        draft.duplicateChecked = false;
        return reask(turn, 'ask_photo_after_place', { lokasi: loc.text });
      }
    }
    if (!isSkip(turn.cfg.words, text) && !isNo(turn.cfg.words, text) && text.split(/\s+/).length >= 4) {
      // More detail instead of a photo: keep it with the description.
      draft.description = `${draft.description}\n${text}`.slice(0, MAX_TEXT_CHARS);
    }
    // The photo is optional: any other answer ("nanti", "ok", "foto nyusul") moves on; a photo can still come at the summary.
    await continueDraft(ctx, turn);
  },
};

/** A category the citizen named among the offered ones ("jalan rusak", "yang sampah"), by label or keywords. */
function namedCategory(turn: Turn): string | undefined {
  const offeredIds = (turn.state.data.choices ?? []).map((c) => c.id.replace(/^kategori:/, ''));
  const s = ` ${squeeze(turn.text)} `;
  const byLabel = turn.cfg.categories.find((c) => offeredIds.includes(c.id) && s.includes(` ${squeeze(c.label)} `));
  if (byLabel) return byLabel.id;
  const hit = keywordCategory(turn.cfg, turn.text);
  return hit && offeredIds.includes(hit.category) ? hit.category : undefined;
}

function categoryNamed(turn: Turn, id: string): boolean {
  const c = categoryOf(turn, id);
  return !!c && (` ${squeeze(turn.text)} `.includes(` ${squeeze(c.label)} `) || keywordCategory(turn.cfg, turn.text)?.category === id);
}

/** A picked "kategori:<id>" is honoured only when offered and still configured. */
function pickedCategory(turn: Turn): string | undefined {
  const picked = pickedChoice(turn);
  const id = picked?.startsWith('kategori:') ? picked.slice('kategori:'.length) : undefined;
  return id && turn.cfg.categories.some((c) => c.id === id) ? id : undefined;
}

/** "Termasuk yang mana?" (also after "kategorinya salah" at the summary). */
export const category: Dialogue = {
  expires: true,
  expects: (_ctx, turn) => pickedCategory(turn) !== undefined || namedCategory(turn) !== undefined,
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    if (!draft) return reset(turn);
    const picked = pickedCategory(turn) ?? namedCategory(turn);
    const correcting = turn.state.data.correcting;
    if (!picked && correcting && draft.category && categoryNamed(turn, draft.category)) {
      // They named the category it already had: keep it and show the summary again.
      delete turn.state.data.correcting;
      return await continueDraft(ctx, turn);
    }
    if (picked) {
      draft.category = picked;
      draft.confidence = 1;
      draft.duplicateChecked = false;
      delete turn.state.data.correcting;
      attachExtras(turn, draft);
      if (!turn.msg.choice && turn.text.trim().split(/\s+/).length >= 4) {
        // Picked by explaining again ("lampu jalan mati di gang mawar"): the words and place count too.
        draft.description = `${draft.description}\n${turn.text}`.slice(0, MAX_TEXT_CHARS);
        if (!draft.location) {
          const loc = locationFrom(turn.cls);
          if (loc) draft.location = loc;
        }
      }
      return await continueDraft(ctx, turn, correcting ? reply(turn.cfg, 'correction_done') : undefined);
    }
    if (!correcting && turn.cls.intent === 'lapor' && turn.cls.category && turn.cls.confidence >= turn.cfg.city.min_confidence) {
      // They explained again in words, clearly this time.
      draft.category = turn.cls.category;
      draft.confidence = turn.cls.confidence;
      draft.description = `${draft.description}\n${turn.text}`.slice(0, MAX_TEXT_CHARS);
      if (!draft.location) {
        const loc = locationFrom(turn.cls);
        if (loc) draft.location = loc;
      }
      return await continueDraft(ctx, turn);
    }
    reask(turn, 'ask_category_again');
  },
};

/** "bukan sampah, ini soal jalan rusak" → jalan_rusak; "kategorinya salah" → undefined (ask the list). */
function correctedCategory(turn: Turn, current: string | null): string | undefined {
  // The category negated ("bukan sampah") is not the one meant: read only what follows it.
  const s = squeeze(turn.text).replace(/\b(bukan|bkn|salah|kok)\s+(\p{L}+(\s+\p{L}+)?)/gu, ' ');
  const hit = keywordCategory(turn.cfg, s);
  if (hit && hit.category !== current) return hit.category;
  const label = turn.cfg.categories.find((c) => c.id !== current && ` ${s} `.includes(` ${squeeze(c.label)} `));
  return label?.id;
}

/** The citizen says the category is wrong. */
function wantsCategoryChange(turn: Turn, draft: Draft): boolean {
  const words = turn.cfg.words;
  if (mentions(words.corrections.category, turn.text)) return true;
  const label = draft.category ? categoryOf(turn, draft.category)?.label : undefined;
  const s = squeeze(turn.text);
  return /\b(bukan|bkn)\b/.test(s) && !!label && (s.includes(squeeze(label)) || (draft.category ? s.includes(draft.category.replace(/_/g, ' ')) : false) || correctedCategory(turn, draft.category) !== undefined);
}

/** Words that announce a corrected or more exact place ("eh salah", "tepatnya", "maksudnya"). */
const PLACE_FIX = /\b(salah|bukan|bkn|tepatnya|persisnya|maksudnya|maksud saya|lebih tepatnya|tepat nya)\b/;

/**
 * The place a correction names. "gang durian bukan di sudirman": the place after "bukan" is the wrong one;
 * "bukan jl sudirman tapi jl hasanuddin": the place after "tapi" is the right one.
 */
function correctedPlace(turn: Turn): ReturnType<typeof locationFrom> {
  const loc = locationFrom(turn.cls);
  if (!loc) return loc;
  const text = turn.text.toLowerCase();
  const wrongFirst = /\b(?:bukan|bkn)\b.*?\b(?:tapi|tp|tetapi|melainkan|harusnya|seharusnya)\b/.exec(text);
  const wrongAt = /\b(?:bukan|bkn)\b/.exec(text);
  // The right part of the typed text; the reading may have joined both places ("jl sudirman, jl hasanuddin").
  const right = wrongFirst ? text.slice(wrongFirst.index + wrongFirst[0].length) : wrongAt ? text.slice(0, wrongAt.index) : undefined;
  if (right === undefined) return loc;
  const parts = loc.text.split(/\s*,\s*/).filter((p) => right.includes(p.toLowerCase()));
  if (parts.length > 0) loc.text = parts.join(', ');
  else if (!wrongFirst) loc.text = loc.text.replace(/[\s,]*\b(bukan|bkn)\b.*$/i, '').trim() || loc.text;
  return loc;
}

function wantsPlaceChange(turn: Turn): boolean {
  if (mentions(turn.cfg.words.corrections.place, turn.text)) return true;
  // "lokasinya di gang durian, bukan di sudirman": a place word and a place.
  return !!turn.cls.location && /\b(lokasi|lokasinya|alamat|alamatnya|tempat|tempatnya|lokasi nya)\b/.test(squeeze(turn.text));
}

/** The summary: yes files, no cancels, corrections show it again corrected. */
export const confirm: Dialogue = {
  expires: true,
  expects(_ctx, turn) {
    const words = turn.cfg.words;
    const draft = draftOf(turn);
    return pickedChoice(turn) !== undefined || !!turn.msg.location || !!turn.msg.media?.path || isYes(words, turn.text) || isNo(words, turn.text)
      || isCancel(words, turn.text) || wantsPlaceChange(turn) || (!!draft && wantsCategoryChange(turn, draft)) || mentions(words.corrections.detail, turn.text);
  },
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    if (!draft) return reset(turn);
    const words = turn.cfg.words;
    const picked = pickedChoice(turn);
    if (picked === 'ya' || (!picked && isYes(words, turn.text))) return fileDraft(ctx, turn, draft);
    if (picked === 'tidak' || (!picked && (isNo(words, turn.text) || isCancel(words, turn.text)))) {
      reset(turn);
      return say(turn, 'draft_cancelled');
    }
    if (attachExtras(turn, draft)) {
      if (turn.msg.media?.path) say(turn, 'photo_received');
      if (turn.msg.location) draft.duplicateChecked = false;
      return await continueDraft(ctx, turn, turn.msg.location ? reply(turn.cfg, 'correction_done') : undefined);
    }
    if (turn.msg.location) return reask(turn, 'confirm_again');
    if (wantsPlaceChange(turn)) {
      const loc = correctedPlace(turn);
      if (loc) {
        draft.location = loc;
        draft.duplicateChecked = false;
        return await continueDraft(ctx, turn, reply(turn.cfg, 'correction_done'));
      }
      turn.state.data.correcting = true;
      return ask(turn, 'location', 'ask_location_fix');
    }
    if (wantsCategoryChange(turn, draft)) {
      const to = correctedCategory(turn, draft.category);
      if (to) {
        draft.category = to;
        draft.confidence = 1;
        draft.duplicateChecked = false;
        return await continueDraft(ctx, turn, reply(turn.cfg, 'correction_done'));
      }
      turn.state.data.correcting = true;
      const options = categoryOptions(turn, draft, draft.category ?? undefined);
      return ask(turn, 'category', 'ask_category_fix', {}, options);
    }
    if (turn.text && hasWords(turn.text) && turn.text.trim().split(/\s+/).length >= 3) {
      // More detail for the same report: added to the description, then the corrected summary.
      draft.description = `${draft.description}\n${turn.text}`.slice(0, MAX_TEXT_CHARS);
      if (!draft.location) {
        const loc = locationFrom(turn.cls);
        if (loc) draft.location = loc;
      }
      return await continueDraft(ctx, turn, reply(turn.cfg, 'detail_added'));
    }
    reask(turn, 'confirm_again');
  },
};

/**
 * Said about the similar report, beyond words.yaml's yes, no and new_report: it is another problem ("bikin
 * baru aja", "beda min, itu yg lain", "gak sama"), or the same one ("iya dukung aja", "ya itu sama").
 * The "another" words are read first, so "gak sama" is not a "sama".
 */
const OWN_REPORT = ['bikin baru', 'buat baru', 'bikin laporan baru', 'buat laporan baru', 'laporan baru', 'lapor baru', 'yang baru', 'yg baru',
  'yang lain', 'yg lain', 'lain lagi', 'beda', 'bukan', 'gak sama', 'ga sama', 'tidak sama', 'nggak sama', 'tdk sama'];
const SUPPORT = ['dukung', 'ikut dukung', 'gabung', 'sama', 'iya itu', 'ya itu'];

/** "Sudah ada laporan serupa?" answered in words: support it, or one's own report; undefined when neither. */
function duplicateAnswer(turn: Turn): 'support' | 'new' | undefined {
  const { words } = turn.cfg;
  if (isNo(words, turn.text) || saysOnly(words, 'new_report', turn.text) || mentions(OWN_REPORT, turn.text)) return 'new';
  if (isYes(words, turn.text) || mentions(SUPPORT, turn.text)) return 'support';
  return undefined;
}

/** "Sudah ada laporan serupa": support it, or go on with one's own report. */
export const duplicate: Dialogue = {
  expires: true,
  expects: (_ctx, turn) => pickedChoice(turn) !== undefined || duplicateAnswer(turn) !== undefined,
  async answer(ctx, turn) {
    const draft = draftOf(turn);
    const dupId = turn.state.data.duplicateOf;
    if (!draft || dupId === undefined) return reset(turn);
    const picked = pickedChoice(turn);
    const said = picked ? undefined : duplicateAnswer(turn);
    if (picked === `dukung:${dupId}` || said === 'support') {
      if (await supportTicket(ctx, turn, dupId)) return reset(turn);
      // Closed (or made confidential) meanwhile: go on with the citizen's own report.
    } else if (!(picked === 'baru' || said === 'new')) {
      return reask(turn, 'duplicate_again');
    }
    draft.declined = [...(draft.declined ?? []), dupId];
    delete turn.state.data.duplicateOf;
    await continueDraft(ctx, turn);
  },
};
