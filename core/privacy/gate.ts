/**
 * The inbound gate in front of the conversation engine (App.receive calls it
 * first): a blocked sender's messages are recorded and answered once, never
 * processed; a sender flooding messages is recorded but not classified, so
 * they never slow other citizens; "HAPUS DATA SAYA" starts an erasure the
 * citizen confirms with "HAPUS". See docs/privacy.md.
 */
import { firstFound } from '../first-found.js';
import type { PromptConfig } from '../config/schema.js';
import type { ReplyKey } from '../config/reply-keys.js';
import { reply } from '../config/texts.js';
import type { Clock, InboundMessage, Logger, Store } from '../ports.js';
import { eraseCitizenData } from './erase.js';
import type { PrivacyRepo, RemovalResult } from './ports.js';

export interface GateDeps {
  store: Store;
  privacy: PrivacyRepo;
  config: () => PromptConfig;
  clock: Clock;
  logger: Logger;
  /** Deletes photo files after an erasure (the caller keeps it inside MEDIA_DIR). */
  removeFiles: (paths: string[]) => void;
  /** Messages one sender may send per minute before the rest are only recorded. Default 40. */
  floodPerMinute?: number;
  /** Minutes a citizen has to confirm "HAPUS DATA SAYA". Default 10. */
  erasureConfirmMinutes?: number;
}

const ERASE_REQUEST = /^(?:(?:saya|sy|aku)\s+)?(?:(?:mau|ingin|minta|mohon|tolong|pengen)\s+)*(?:di)?hapus(?:kan)?\s+(?:semua\s+)?data\s*(?:saya|sy|ku|aku|pribadi(?:\s+saya)?)?(?:\s+(?:min|pak|bu|kak))?[.!]*$/;
const ERASE_CONFIRM = /^(?:(?:ya|iya|y|ok|oke)[\s,]*)?hapus(?:\s+(?:saja|aja|data(?:\s+saya)?))?[.!]*$/;

/** "HAPUS DATA SAYA", "tolong hapus data saya min", "saya mau hapus semua data saya". */
export function isErasureRequest(text: string | undefined): boolean {
  return ERASE_REQUEST.test(commandText(text));
}

/** "HAPUS", "ya hapus", "iya, hapus aja": the confirmation. */
export function isErasureConfirm(text: string | undefined): boolean {
  return ERASE_CONFIRM.test(commandText(text));
}
const MAX_TRACKED = 20_000;

/** Lower case, single spaces, no zero-width characters: how commands are compared. */
function commandText(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function createPrivacyGate(deps: GateDeps) {
  const { store, privacy, config, clock, logger } = deps;
  const perMinute = deps.floodPerMinute ?? 40;
  const confirmMs = (deps.erasureConfirmMinutes ?? 10) * 60_000;
  const recent = new Map<string, { times: number[]; notifiedAt: number }>();

  /** Counts the message; true when the sender is over the limit for the last minute. */
  function flooding(key: string, t: number): { over: boolean; notify: boolean } {
    const entry = recent.get(key) ?? { times: [], notifiedAt: 0 };
    entry.times = entry.times.filter((x) => t - x < 60_000);
    entry.times.push(t);
    recent.delete(key);
    recent.set(key, entry);
    // Oldest senders first: a flood of new senders cannot grow this without bound.
    if (recent.size > MAX_TRACKED) recent.delete(recent.keys().next().value!);
    const over = entry.times.length > perMinute;
    const notify = over && t - entry.notifiedAt >= 60_000;
    if (notify) entry.notifiedAt = t;
    return { over, notify };
  }

  /** Records the message (processed once, words kept unless erased) and sends one reply when given. */
  async function recordAndAnswer(msg: InboundMessage, key: ReplyKey | undefined, payload: Record<string, unknown>, vars: Record<string, string> = {}): Promise<boolean> {
    return await store.transaction(async () => {
      const now = clock.now();
      const citizen = await store.citizens.resolve(msg.channel, msg.sender, now);
      const fresh = await store.messages.recordInbound({
        channel: msg.channel, externalId: msg.externalId, citizenId: citizen.id, direction: 'in', text: msg.text?.slice(0, 4000) ?? null,
        payload: { ...payload, choice: msg.choice ?? null, media: msg.media ?? null, location: msg.location ?? null }, createdAt: now.toISOString(),
      });
      if (fresh && key) {
        await store.outbox.enqueue({
          target: { kind: 'citizen', channel: msg.channel, message: { to: citizen.address, text: reply(config(), key, vars) } },
          citizenId: citizen.id, createdAt: now.toISOString(),
        });
      }
      return fresh;
    });
  }

  async function say(msg: InboundMessage, key: ReplyKey): Promise<void> {
    const now = clock.now();
    await store.transaction(async () => {
      const citizen = await store.citizens.resolve(msg.channel, msg.sender, now);
      await store.outbox.enqueue({
        target: { kind: 'citizen', channel: msg.channel, message: { to: citizen.address, text: reply(config(), key) } },
        citizenId: citizen.id, createdAt: now.toISOString(),
      });
    });
  }

  async function erase(msg: InboundMessage): Promise<RemovalResult | undefined> {
    const result = await store.transaction(async () => {
      const now = clock.now();
      const citizen = await store.citizens.resolve(msg.channel, msg.sender, now);
      const fresh = await store.messages.recordInbound({
        channel: msg.channel, externalId: msg.externalId, citizenId: citizen.id, direction: 'in', text: null,
        payload: { privacy: 'erase_confirmed' }, createdAt: now.toISOString(),
      });
      if (!fresh) return undefined;
      const removed = await eraseCitizenData(store, privacy, citizen.id, now.toISOString());
      await privacy.clearErasure(msg.channel, msg.sender.address);
      await store.outbox.enqueue({
        target: { kind: 'citizen', channel: msg.channel, message: { to: msg.sender.address, text: reply(config(), 'erasure_done') } },
        citizenId: citizen.id, createdAt: now.toISOString(),
      });
      return removed;
    });
    if (result) {
      try {
        deps.removeFiles(result.files);
      } catch (err) {
        logger.error({ err, files: result.files.length }, 'erasure: could not delete some photo files; delete them by hand under MEDIA_DIR');
      }
      logger.info({ channel: msg.channel, tickets: result.tickets, messages: result.messages, files: result.files.length }, 'a citizen erased their data');
    }
    return result;
  }

  return {
    /** Decides whether the engine handles this message; when not, the gate has recorded and answered it. */
    async admit(msg: InboundMessage): Promise<boolean> {
      const { channel } = msg;
      const address = msg.sender.address;
      const blocked = (await privacy.blocked(channel, address)) ?? (await firstFound(msg.sender.aliases ?? [], (a) => privacy.blocked(channel, a)));
      if (blocked) {
        const fresh = await recordAndAnswer(msg, blocked.notified ? undefined : 'blocked_notice', { blocked: true });
        if (fresh && !blocked.notified) await privacy.markNotified(blocked.channel, blocked.address);
        return false;
      }
      const flood = flooding(`${channel}:${address}`, clock.now().getTime());
      if (flood.over) {
        await recordAndAnswer(msg, flood.notify ? 'flood_notice' : undefined, { flood: true });
        return false;
      }
      const pending = await privacy.pendingErasure(channel, address);
      if (pending && clock.now().getTime() - Date.parse(pending) <= confirmMs) {
        if (isErasureConfirm(msg.text)) {
          await erase(msg);
          return false;
        }
        await privacy.clearErasure(channel, address);
        await say(msg, 'erasure_cancelled');
        return true;
      }
      if (pending) await privacy.clearErasure(channel, address);
      if (isErasureRequest(msg.text)) {
        const fresh = await recordAndAnswer(msg, 'erasure_confirm', { privacy: 'erase_requested' }, { menit: String(confirmMs / 60_000) });
        if (fresh) await privacy.requestErasure(channel, address, clock.now().toISOString());
        return false;
      }
      return true;
    },
  };
}

export type PrivacyGate = ReturnType<typeof createPrivacyGate>;
