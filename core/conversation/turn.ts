/**
 * One citizen message being handled, and the helpers every dialogue uses to
 * answer it: say, ask (remembering the question and the choices offered),
 * repeat the open question, and read the choice the citizen picked, which is
 * accepted only when the bot offered it to this citizen in this conversation.
 */
import type { Choice, Citizen, Clock, InboundMessage, Logger, OutboundMessage, Store } from '../ports.js';
import type { PromptConfig } from '../config/schema.js';
import type { AreaDirectory } from '../config/area.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { reply, type Vars } from '../config/texts.js';
import type { Classification } from '../nlu/types.js';
import type { TicketService } from '../tickets/service.js';
import type { Ticket } from '../tickets/types.js';
import type { ConversationState, PendingQuestion } from './types.js';
import { choiceNumber, squeeze } from './words.js';

/** What the dialogues need from the engine: the ports and settings, the same for every message. */
export interface EngineContext {
  store: Store;
  tickets: TicketService;
  clock: Clock;
  logger: Logger;
  /** The city's areas, to find the kecamatan of a kelurahan a trusted reporter or the classifier gave. */
  areas?: AreaDirectory;
}

/** Everything one message's handling produces, collected before it is written. */
export interface Turn {
  msg: InboundMessage;
  text: string;
  cls: Classification;
  citizen: Citizen;
  cfg: PromptConfig;
  now: string;
  replies: Omit<OutboundMessage, 'to'>[];
  state: ConversationState;
  /** The ticket this message filed or changed (its outbox rows are linked to it). */
  ticket?: Ticket;
}

/** One dialogue: the questions it owns, whether they expire like a draft, and how it reads an answer. */
export interface Dialogue {
  /** Draft questions are dropped after the draft timeout; feedback questions never expire. */
  expires: boolean;
  /**
   * The message is plainly an answer to this question (a yes, a pin at the location
   * question, a rating), so it is not checked as a new complaint or an interruption.
   */
  expects(ctx: EngineContext, turn: Turn): boolean | Promise<boolean>;
  answer(ctx: EngineContext, turn: Turn): void | Promise<void>;
}

/** Adds a reply from prompts/replies.yaml. */
export function say(turn: Turn, key: ReplyKey, vars: Vars = {}, extra: Partial<OutboundMessage> = {}): void {
  turn.replies.push({ text: reply(turn.cfg, key, vars), ...extra });
}

/** Asks a question and remembers it: its choices (the only ones accepted back) and its text (to repeat after an interruption). */
export function ask(turn: Turn, pending: PendingQuestion, key: ReplyKey, vars: Vars = {}, choices?: Choice[], prefix?: string): void {
  const text = reply(turn.cfg, key, vars);
  const shown = prefix ? `${prefix}\n${text}` : text;
  turn.replies.push({ text: shown, ...(choices ? { choices } : {}) });
  turn.state.pending = pending;
  turn.state.data.question = text;
  if (choices) turn.state.data.choices = choices;
  else delete turn.state.data.choices;
}

/** Asks again with a short text that names the accepted answers, keeping the choices already offered. */
export function reask(turn: Turn, key: ReplyKey, vars: Vars = {}): void {
  const choices = turn.state.data.choices;
  turn.replies.push({ text: reply(turn.cfg, key, vars), ...(choices ? { choices } : {}) });
}

/** Repeats the open question after an aside (its choices too). */
export function repeatQuestion(turn: Turn): void {
  const { question, choices } = turn.state.data;
  if (!question || !turn.state.pending) return;
  turn.replies.push({ text: `${reply(turn.cfg, 'pending_question')}\n${question}`, ...(choices ? { choices } : {}) });
}

/** Forgets the open question and the draft (a fresh object: never shared between citizens). */
export function reset(turn: Turn): void {
  turn.state = { pending: null, data: {} };
}

/** Was this choice id offered to the citizen with the open question? */
export function offered(turn: Turn, id: string): boolean {
  return (turn.state.data.choices ?? []).some((c) => c.id === id);
}

/**
 * The id of the choice the citizen picked: a pressed button that was offered,
 * a typed number ("2", "nomor dua"), or a typed label. A button that was never
 * offered (stale or forged) counts as nothing picked.
 */
export function pickedChoice(turn: Turn): string | undefined {
  const choices = turn.state.data.choices ?? [];
  if (turn.msg.choice) return offered(turn, turn.msg.choice) ? turn.msg.choice : undefined;
  if (!turn.text) return undefined;
  const n = choiceNumber(turn.cfg.words, turn.text);
  if (n !== undefined) return n >= 1 && n <= choices.length ? choices[n - 1]!.id : undefined;
  const typed = squeeze(turn.text);
  return choices.find((c) => squeeze(c.label) === typed)?.id;
}
