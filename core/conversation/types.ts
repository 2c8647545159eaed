/**
 * What the conversation engine remembers between a citizen's messages. Stored
 * as JSON in the conversations table, so a restart continues where it was.
 */
import type { Choice } from '../ports.js';
import type { CategoryScore, Classification } from '../nlu/types.js';

/** Where the problem is: the citizen's words, the area found in them, a pin. */
export interface DraftLocation {
  text: string;
  kelurahan?: string;
  kecamatan?: string;
  rt?: string;
  rw?: string;
  latitude?: number;
  longitude?: number;
}

/** A complaint being filled in. */
export interface Draft {
  description: string;
  category: string | null;
  confidence: number;
  alternatives: CategoryScore[];
  location?: DraftLocation;
  photos: string[];
  /** The citizen asked for rahasia: left out of public feeds. */
  confidential: boolean;
  /** The photo question was asked (or skipped) already. */
  photoAsked: boolean;
  /** An optional place was asked once already ("lewati" accepted). */
  placeAsked?: boolean;
  /** The duplicate question was asked already. */
  duplicateChecked: boolean;
  /** Open tickets the citizen declined to support for this report: never offered again. */
  declined?: number[];
  startedAt: string;
}

/** The question the bot is waiting for an answer to; idle when none. */
export type PendingQuestion =
  | 'description' | 'location' | 'photo' | 'category' | 'confirm' | 'duplicate'
  | 'rating' | 'comment' | 'reopen_note'
  /** After an emergency was filed at once: its place and photo update the ticket. */
  | 'emergency_location' | 'emergency_photo'
  /** "Ini laporan baru, atau jawaban untuk BM-0001?" */
  | 'which';

/** A message held while the bot asks whether it is a new report or an answer. */
export interface HeldMessage {
  text: string;
  cls: Classification;
  /** The question it might answer, restored when the citizen says it was an answer. */
  pending: PendingQuestion | null;
  question?: string;
  choices?: Choice[];
}

/** Everything kept between messages besides the pending question. */
export interface ConversationData {
  draft?: Draft;
  /** Choices offered with the open question: the only button ids accepted, and what a typed "2" means. */
  choices?: Choice[];
  /** Ticket the rating/comment/reopen/emergency question is about. */
  ticketId?: number;
  /** Open ticket offered for support instead of a new one. */
  duplicateOf?: number;
  /** The text of the pending question, repeated after an interruption. */
  question?: string;
  /** The place or category is being corrected from the summary: go back to it afterwards. */
  correcting?: boolean;
  held?: HeldMessage;
}

/** The pending question (null when idle) and its data. */
export interface ConversationState {
  pending: PendingQuestion | null;
  data: ConversationData;
}

/** A fresh idle state (a new object each time: states are mutated while a message is handled). */
export function idleState(): ConversationState {
  return { pending: null, data: {} };
}
