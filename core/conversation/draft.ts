/**
 * Building a draft complaint from what the citizen sent: the classifier's
 * reading, a shared map pin (checked: only real coordinates are kept), photos.
 */
import type { GeoPoint } from '../ports.js';
import type { Classification } from '../nlu/types.js';
import type { Category } from '../config/schema.js';
import { say, type Turn } from './turn.js';
import type { Draft, DraftLocation } from './types.js';

/** The place the classifier found, with its kelurahan/kecamatan and RT/RW. */
export function locationFrom(cls: Classification): DraftLocation | undefined {
  const l = cls.location;
  if (!l) return undefined;
  const a = cls.area;
  return {
    text: l.text.slice(0, 300),
    ...(a?.kelurahan ? { kelurahan: a.kelurahan } : {}),
    ...(a?.kecamatan ? { kecamatan: a.kecamatan } : {}),
    ...(l.rt ? { rt: l.rt } : {}),
    ...(l.rw ? { rw: l.rw } : {}),
  };
}

/** A place typed in the citizen's own words ("belakang rumah pak RT"), with whatever area the classifier found. */
export function typedLocation(turn: Turn): DraftLocation {
  return locationFrom(turn.cls) ?? {
    text: turn.text.slice(0, 300),
    ...(turn.cls.area?.kelurahan ? { kelurahan: turn.cls.area.kelurahan } : {}),
    ...(turn.cls.area?.kecamatan ? { kecamatan: turn.cls.area.kecamatan } : {}),
  };
}

/** Coordinates a phone could really send: finite, latitude −90…90, longitude −180…180. */
export function validPin(p: GeoPoint | undefined): p is GeoPoint {
  return !!p && Number.isFinite(p.latitude) && Number.isFinite(p.longitude)
    && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180;
}

/** The draft location for a shared pin; a typed place already given is kept as its text. */
export function pinLocation(p: GeoPoint, current?: DraftLocation): DraftLocation {
  const named = [p.name, p.address].filter(Boolean).join(', ').slice(0, 300);
  const text = named || (current?.text && current.latitude === undefined ? current.text : `Titik peta ${p.latitude.toFixed(5)}, ${p.longitude.toFixed(5)}`);
  return { ...(current ?? {}), text, latitude: p.latitude, longitude: p.longitude };
}

/** A draft from this message: the classifier's category and, when the message describes the problem, its place. */
export function newDraft(turn: Turn, description: string): Draft {
  const { cls } = turn;
  const draft: Draft = {
    description, category: cls.intent === 'lapor' ? cls.category : null, confidence: cls.intent === 'lapor' ? cls.confidence : 0,
    alternatives: cls.alternatives, photos: [], confidential: false, photoAsked: false, duplicateChecked: false, startedAt: turn.now,
  };
  const loc = description ? locationFrom(cls) : undefined;
  if (loc) draft.location = loc;
  return draft;
}

/**
 * A shared pin and an attached photo go into the draft whatever the question was.
 * A pin with impossible coordinates is refused politely and nothing of it is kept.
 * Returns whether anything was attached.
 */
export function attachExtras(turn: Turn, draft: Draft): boolean {
  const { msg } = turn;
  let attached = false;
  if (msg.location) {
    if (validPin(msg.location)) {
      draft.location = pinLocation(msg.location, draft.location);
      attached = true;
    } else {
      say(turn, 'location_invalid');
    }
  }
  if (msg.media?.kind === 'photo' && msg.media.path && draft.photos.length < 10) {
    draft.photos.push(msg.media.path);
    attached = true;
  }
  return attached;
}

/** The configured category of an id, if it still exists. */
export function categoryOf(turn: Turn, id: string | null): Category | undefined {
  return id ? turn.cfg.categories.find((c) => c.id === id) : undefined;
}
