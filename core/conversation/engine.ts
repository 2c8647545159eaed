/**
 * The conversation engine: one channel-neutral state machine that turns a
 * citizen's messages into a filed ticket, status answers and feedback.
 *
 * Each inbound message is handled in one store transaction: the dedupe record,
 * the conversation state, any ticket change and the replies (outbox rows) land
 * together or not at all, so a crash never loses an accepted message and a
 * redelivered one is answered once. Classification (possibly an LLM call) runs
 * before the transaction; messages of one citizen are handled one at a time.
 * What each question does with a message is in the dialogue modules
 * (core/conversation/dialogues.ts); this file only queues, loads and saves.
 */
import type { Classifier, Clock, InboundMessage, Logger, OutboundMessage, Store } from '../ports.js';
import type { PromptConfig } from '../config/schema.js';
import type { AreaDirectory } from '../config/area.js';
import type { Classification } from '../nlu/types.js';
import type { TicketService } from '../tickets/service.js';
import type { Ticket } from '../tickets/types.js';
import { validPin } from './draft.js';
import { dialogueFor, step } from './dialogues.js';
import { MAX_TEXT_CHARS } from './filing.js';
import { say, type EngineContext, type Turn } from './turn.js';
import { idleState, type ConversationState, type PendingQuestion } from './types.js';

/** Longest message text kept (re-exported for the adapters that cut before sending). */
export { MAX_TEXT_CHARS };

/** What the engine is built from (app/build.ts wires it). */
export interface EngineDeps {
  store: Store;
  tickets: TicketService;
  classifier: () => Classifier;
  config: () => PromptConfig;
  clock: Clock;
  logger: Logger;
  /** A draft untouched this long is dropped with a polite note (feedback questions never expire). */
  draftTimeoutMinutes: number;
  /** The city's areas, to find the kecamatan of a kelurahan a trusted reporter or the classifier gave. */
  areas?: AreaDirectory;
}

/** What handling one message produced: the replies queued and the ticket it filed or changed. */
export interface HandleResult {
  duplicate: boolean;
  replies: OutboundMessage[];
  ticket?: Ticket;
}

/** Control characters other than tab and newline are dropped: they break terminals, logs and Telegram. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/g;

/** The message text as stored and read: control characters dropped, newlines normalised, at most MAX_TEXT_CHARS. */
export function sanitizeText(raw: string | undefined): { text: string; truncated: boolean } {
  const clean = (raw ?? '').replace(CONTROL, '').replace(/\r\n?/g, '\n').trim();
  if (clean.length <= MAX_TEXT_CHARS) return { text: clean, truncated: false };
  return { text: clean.slice(0, MAX_TEXT_CHARS), truncated: true };
}

const UNCLEAR = (text: string): Classification => ({
  intent: 'lainnya', category: null, confidence: 0, alternatives: [], location: null, area: null, normalized: text, source: 'error',
});

/** The engine: `handle(message)` for every inbound citizen message of every channel. */
export function createConversationEngine(deps: EngineDeps) {
  const { store, config, clock, logger } = deps;
  const ctx: EngineContext = { store, tickets: deps.tickets, clock, logger, ...(deps.areas ? { areas: deps.areas } : {}) };
  const queues = new Map<string, Promise<unknown>>();

  /** Handle one inbound message; concurrent messages of one citizen are serialised. */
  function handle(msg: InboundMessage): Promise<HandleResult> {
    const key = `${msg.channel}:${msg.sender.address}`;
    const prev = queues.get(key) ?? Promise.resolve();
    const next = prev.then(() => handleNow(msg), () => handleNow(msg));
    queues.set(key, next);
    void next.finally(() => {
      if (queues.get(key) === next) queues.delete(key);
    }).catch(() => undefined);
    return next;
  }

  async function handleNow(msg: InboundMessage): Promise<HandleResult> {
    const { text, truncated } = sanitizeText(msg.text);
    // Cheap pre-check so a redelivered message does not cost a classifier call; the transaction re-checks.
    if (await store.messages.hasInbound(msg.channel, msg.externalId)) return { duplicate: true, replies: [] };

    let cls: Classification;
    try {
      cls = await deps.classifier().classify(text);
    } catch (err) {
      // The offline classifier never throws; this guards an adapter bug so the message is still answered.
      logger.error({ err, channel: msg.channel, externalId: msg.externalId }, 'classifier failed; treating the message as unclear');
      cls = UNCLEAR(text);
    }

    return store.transaction(async () => {
      const now = clock.now();
      const citizen = await store.citizens.resolve(msg.channel, msg.sender, now);
      const recorded = await store.messages.recordInbound({
        channel: msg.channel, externalId: msg.externalId, citizenId: citizen.id, direction: 'in', text: text || null,
        // An impossible map pin is not kept anywhere (the citizen is told it is invalid).
        payload: { location: validPin(msg.location) ? msg.location : null, media: msg.media ?? null, choice: msg.choice ?? null, intent: cls.intent, category: cls.category },
        createdAt: now.toISOString(),
      });
      if (!recorded) return { duplicate: true, replies: [] };

      const record = await store.conversations.get(citizen.id, msg.channel);
      const turn: Turn = {
        msg, text, cls, citizen, cfg: config(), now: now.toISOString(), replies: [],
        state: record
          ? { pending: (record.state === 'idle' ? null : record.state) as PendingQuestion | null, data: structuredClone(record.data ?? {}) as ConversationState['data'] }
          : idleState(),
      };
      if (truncated) say(turn, 'too_long');

      if (turn.state.pending && record && dialogueFor(turn.state.pending).expires && expired(record.updatedAt, now)) {
        say(turn, 'draft_expired');
        turn.state = idleState();
      }
      await step(ctx, turn);

      await store.conversations.save({
        citizenId: citizen.id, channel: msg.channel, state: turn.state.pending ?? 'idle', data: turn.state.data, updatedAt: turn.now,
      });
      const replies = turn.replies.map((r) => ({ ...r, to: citizen.address }));
      for (const r of replies) {
        await store.outbox.enqueue({ target: { kind: 'citizen', channel: msg.channel, message: r }, citizenId: citizen.id, ticketId: turn.ticket?.id ?? null, createdAt: turn.now });
      }
      return { duplicate: false, replies, ...(turn.ticket ? { ticket: turn.ticket } : {}) };
    });
  }

  function expired(updatedAt: string, now: Date): boolean {
    return now.getTime() - new Date(updatedAt).getTime() > deps.draftTimeoutMinutes * 60_000;
  }

  return { handle };
}

/** The engine's interface, for the composition root and tests. */
export type ConversationEngine = ReturnType<typeof createConversationEngine>;
