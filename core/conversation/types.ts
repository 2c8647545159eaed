/**
 * What the conversation engine remembers between a citizen's messages. Stored
 * as JSON in the conversations table, so a restart continues where it was.
 */
import type { Choice } from '../ports.js';
import type { CategoryScore } from '../nlu/types.js';

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
  /** The duplicate question was asked already. */
  duplicateChecked: boolean;
  startedAt: string;
}

/** The question the bot is waiting for an answer to; idle when none. */
export type PendingQuestion = 'description' | 'location' | 'photo' | 'category' | 'confirm' | 'duplicate' | 'rating' | 'comment' | 'reopen_note';

export interface ConversationData {
  draft?: Draft;
  /** Numbered choices last offered, so a typed "2" means the second one. */
  choices?: Choice[];
  /** Ticket the rating/comment/reopen question is about. */
  ticketId?: number;
  /** Open ticket offered for support instead of a new one. */
  duplicateOf?: number;
  /** The text of the pending question, repeated after an interruption. */
  question?: string;
}

export interface ConversationState {
  pending: PendingQuestion | null;
  data: ConversationData;
}

export const IDLE: ConversationState = { pending: null, data: {} };
