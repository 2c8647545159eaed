/**
 * "Ini laporan baru, atau jawaban untuk BM-0001?": asked when a message might
 * be a new complaint or the answer to the open question. The message is held
 * and, once the citizen says which, read as that.
 */
import { startNewReport } from './interruptions.js';
import { pickedChoice, reask, type Dialogue, type EngineContext, type Turn } from './turn.js';
import { saysOnly } from './words.js';

/** Puts the held message back as this turn's message and restores the question it may answer. */
function restore(turn: Turn): boolean {
  const held = turn.state.data.held;
  if (!held) return false;
  turn.text = held.text;
  turn.cls = held.cls;
  turn.msg = { ...turn.msg, text: held.text };
  delete turn.msg.choice;
  delete turn.state.data.held;
  turn.state.pending = held.pending;
  if (held.question) turn.state.data.question = held.question;
  else delete turn.state.data.question;
  if (held.choices) turn.state.data.choices = held.choices;
  else delete turn.state.data.choices;
  return true;
}

/** The "new report or answer?" dialogue; `answerHeld` reads the held message as the answer to the restored question. */
export function whichDialogue(answerHeld: (ctx: EngineContext, turn: Turn) => void | Promise<void>): Dialogue {
  return {
    expires: false,
    expects: () => true,
    async answer(ctx, turn) {
      const picked = pickedChoice(turn);
      const words = turn.cfg.words;
      const isNew = picked === 'baru' || (!picked && saysOnly(words, 'new_report', turn.text));
      const isAnswer = picked === 'jawab' || (!picked && /\b(jawab|jawaban|lanjut|lanjutkan|bukan)\b/i.test(turn.text));
      if (!isNew && !isAnswer) return reask(turn, 'which_again');
      if (!restore(turn)) return;
      if (isNew) return await startNewReport(ctx, turn);
      await answerHeld(ctx, turn);
    },
  };
}
