/**
 * The dialogues, keyed by the question the bot is waiting for. The engine
 * reads every message in one order: global controls → new complaint or
 * interruption → the open question's answer (docs/conversation.md).
 */
import { globalControls } from './controls.js';
import { emergencyLocation, emergencyPhoto } from './emergency.js';
import { comment, rating, reopenNote } from './feedback.js';
import { category, confirm, description, duplicate, location, photo } from './filing-answers.js';
import { idle } from './idle.js';
import { interruption } from './interruptions.js';
import type { Dialogue, EngineContext, Turn } from './turn.js';
import type { PendingQuestion } from './types.js';
import { whichDialogue } from './which.js';

/** The open question's dialogue reads the message, without the interruption check (it was done, or the citizen chose). */
async function answerOpenQuestion(ctx: EngineContext, turn: Turn): Promise<void> {
  await dialogueFor(turn.state.pending).answer(ctx, turn);
}

/** Every dialogue by the question it answers ('idle' when none is open). */
export const DIALOGUES: Record<PendingQuestion | 'idle', Dialogue> = {
  idle,
  description, location, photo, category, confirm, duplicate,
  rating, comment, reopen_note: reopenNote,
  emergency_location: emergencyLocation, emergency_photo: emergencyPhoto,
  which: whichDialogue(answerOpenQuestion),
};

/** The dialogue that reads answers to this pending question. */
export function dialogueFor(pending: PendingQuestion | null): Dialogue {
  return DIALOGUES[pending ?? 'idle'];
}

/** One message, in the one order every question follows. */
export async function step(ctx: EngineContext, turn: Turn): Promise<void> {
  if (await globalControls(ctx, turn)) return;
  const dialogue = dialogueFor(turn.state.pending);
  if (!(await dialogue.expects(ctx, turn)) && (await interruption(ctx, turn))) return;
  await dialogue.answer(ctx, turn);
}
