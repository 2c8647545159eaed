/**
 * Agency desks: Telegram groups where staff work tickets. The outbox calls
 * deliver() to post or edit ticket cards; staff press the card's buttons,
 * answer the bot's prompts and reply to cards. Ticket changes go through the
 * ticket service (which writes citizen updates and card refreshes to the
 * outbox); this file only translates between Telegram and those use cases.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, InputFile, type Api, type Context } from 'grammy';
import type { Message, ReplyParameters, User } from 'grammy/types';
import type { App } from '../../app/build.js';
import { categoryLabel } from '../../core/config/texts.js';
import type { ChannelHealth, DeskChannel, DeskPayload, SendResult } from '../../core/ports.js';
import type { DeskCard, DeskCardRepo, DeskLinkRepo, DeskPrompt } from './ports.js';
import { TransientSendError } from '../../core/ports.js';
import { canApply, IllegalTransitionError, type TicketAction } from '../../core/tickets/states.js';
import { refusalText, UNEXPECTED_REFUSAL } from '../../core/tickets/refusals.js';
import { TicketError } from '../../core/tickets/service.js';
import { OPEN_STATES, type Actor, type Ticket } from '../../core/tickets/types.js';
import { isMessageGone, isNotModified, migratedTo, toSendError } from './api.js';
import {
  cardKeyboard, cardText, escapeHtml, historyText, maskName, parseDeskData, reassignKeyboard, toTelegramHtml,
} from './format.js';
import { CAPTION_MAX, fitHtml, splitHtml, TEXT_MAX, withPlainFallback } from './limits.js';
import { downloadFile } from './media.js';
import { redactForStaff } from '../../core/privacy/redact.js';

export interface DeskDeps {
  app: App;
  api: Api;
  cards: DeskCardRepo;
  links: DeskLinkRepo;
  apiRoot: string;
  token: string;
  /** Telegram user ids allowed to link groups and to act on any ticket anywhere. */
  admins: ReadonlySet<string>;
  mediaDir: string;
  maxPhotoBytes: number;
  /** A prompt (closing note, reason) older than this is refused with a hint to press the button again. Default 24 h. */
  promptTtlMs?: number;
  /** How long a membership check is trusted. Default 5 minutes. */
  memberCacheMs?: number;
  /**
   * Whether the bot is reachable (polling runs). A failed send does not make the desk "disconnected":
   * the outbox leaves disconnected channels alone, and only a send can find out Telegram is back.
   */
  connected?: () => boolean;
}

/** Telegram's id for "anonymous group admin": actions would have no name on the timeline. */
const ANONYMOUS_ADMIN_ID = 1087968824;
const PHOTOS_UNDER_CARD = 5;

/** Which ticket actions prompt for a note, and what the prompt asks. */
const PROMPTS: Record<'proses' | 'selesaikan' | 'tolak', { ask: string; placeholder: string; noteRequired: boolean }> = {
  proses: { ask: 'tulis catatan perkembangan untuk warga (atau <b>-</b> untuk tanpa catatan)', placeholder: 'Catatan perkembangan', noteRequired: false },
  selesaikan: { ask: 'tulis apa yang sudah dikerjakan; boleh sertakan foto sebagai bukti (foto dengan keterangan)', placeholder: 'Catatan penyelesaian', noteRequired: true },
  tolak: { ask: 'tulis alasan penolakan untuk warga', placeholder: 'Alasan penolakan', noteRequired: true },
};

export function createDesk(deps: DeskDeps) {
  const { app, api, cards, links } = deps;
  const cfg = () => app.prompts.current();
  const log = app.logger;
  const now = () => app.clock.now().toISOString();
  const promptTtlMs = deps.promptTtlMs ?? 24 * 3_600_000;
  const memberCacheMs = deps.memberCacheMs ?? 5 * 60_000;
  const members = new Map<string, { ok: boolean; at: number }>();
  let lastError: string | undefined;
  let delivered = 0;

  // ------------------------------------------------------------ desk chats

  /** Desk chats of one agency: prompts/agencies.yaml telegram_chats ∪ groups linked with /hubungkan. */
  async function chatsOf(agency: string): Promise<string[]> {
    const fromPrompts = cfg().agencies.find((a) => a.code === agency)?.telegram_chats ?? [];
    return [...new Set([...fromPrompts.map(String), ...(await links.byAgency(agency)).map((l) => l.chatId)])];
  }

  /** Chats that work an agency's tickets: its own desks, or the command centre's when it has none. */
  async function chatsServing(agency: string): Promise<string[]> {
    const own = await chatsOf(agency);
    return own.length ? own : await chatsOf(cfg().city.triage_agency);
  }

  async function agencyOfChat(chatId: string): Promise<string | undefined> {
    const link = await links.byChat(chatId);
    if (link) return link.agency;
    return cfg().agencies.find((a) => a.telegram_chats.map(String).includes(chatId))?.code;
  }

  function noDeskError(agency: string): Error {
    const triage = cfg().city.triage_agency;
    return new Error(`Agency ${agency} has no Telegram desk${agency !== triage ? ` and neither has the command centre (${triage})` : ''}: `
      + `add the bot to the agency's group and send "/hubungkan ${agency}" there as a user listed in TELEGRAM_ADMIN_IDS, `
      + `or put the group's chat id in prompts/agencies.yaml (agencies[].telegram_chats)`);
  }

  // ------------------------------------------------------- Telegram calls

  /** Runs a call against a desk chat; follows a group's upgrade to a supergroup once. */
  async function inChat<T>(chatId: string, fn: (chat: string) => Promise<T>): Promise<{ chat: string; result: T }> {
    try {
      return { chat: chatId, result: await fn(chatId) };
    } catch (err) {
      const moved = migratedTo(err);
      if (moved === undefined) throw err;
      await migrateChat(chatId, String(moved));
      return { chat: String(moved), result: await fn(String(moved)) };
    }
  }

  async function migrateChat(oldId: string, newId: string): Promise<void> {
    if (oldId === newId) return;
    await app.store.transaction(async () => {
      await links.migrateChat(oldId, newId);
      await cards.migrateChat(oldId, newId);
      const configured = cfg().agencies.find((a) => a.telegram_chats.map(String).includes(oldId));
      if (configured && !(await links.byChat(newId))) {
        await links.link({ agency: configured.code, chatId: newId, linkedBy: 'supergroup-migration', linkedAt: now() });
      }
      if (configured) {
        log.warn({ agency: configured.code, oldChatId: oldId, newChatId: newId },
          `telegram: the ${configured.code} desk group became a supergroup; linked the new id. Replace ${oldId} with ${newId} in prompts/agencies.yaml telegram_chats`);
      }
    });
    log.info({ oldChatId: oldId, newChatId: newId }, 'telegram: desk group upgraded to a supergroup; cards and links moved');
  }

  const plainFallbackLog = (what: string) => (err: unknown) =>
    log.warn({ err, what }, 'telegram: the HTML was refused ("can\'t parse entities"); sent the same words as plain text');

  const replyTo = (messageId: number | undefined): { reply_parameters?: ReplyParameters } =>
    messageId ? { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } } : {};

  // ----------------------------------------------------------------- cards

  async function facts(t: Ticket, movedTo?: string) {
    const citizen = await app.store.citizens.get(t.citizenId);
    const events = await app.store.tickets.events(t.id);
    const last = [...events].reverse().find((e) => (e.action === 'selesaikan' || e.action === 'tolak') && e.note);
    return {
      ticket: t, config: cfg(), reporterName: citizen?.displayName ?? null,
      photos: (await app.store.tickets.media(t.id)).length, supporters: (await app.store.tickets.supporters(t.id)).length,
      ...(movedTo ? { movedTo } : {}), lastNote: last?.note ?? null,
    };
  }

  async function postCard(chatId: string, t: Ticket): Promise<number> {
    const { chat, result } = await inChat(chatId, async (c) => withPlainFallback(cardText(await facts(t)), (text, mode) => api.sendMessage(c, text, {
      ...(mode ? { parse_mode: mode } : {}), reply_markup: cardKeyboard(t), link_preview_options: { is_disabled: true },
    }), plainFallbackLog(t.number)));
    const card: DeskCard = { ticketId: t.id, chatId: chat, messageId: result.message_id, agency: t.agency, extrasSent: false, updatedAt: now() };
    await cards.save(card);
    await sendExtras(card, t);
    return result.message_id;
  }

  /** Citizen photos and the map pin, posted under the card once. */
  async function sendExtras(card: DeskCard, t: Ticket): Promise<void> {
    const photos = (await app.store.tickets.media(t.id)).filter((m) => m.source === 'citizen' && existsSync(m.path)).slice(0, PHOTOS_UNDER_CARD);
    for (const [i, p] of photos.entries()) {
      const m = await api.sendPhoto(card.chatId, new InputFile(p.path), {
        caption: `${t.number} · foto ${i + 1}/${photos.length}`, ...replyTo(card.messageId),
      });
      await cards.addThreadMessage(card.chatId, m.message_id, t.id);
    }
    if (t.latitude !== null && t.longitude !== null) {
      const m = await api.sendLocation(card.chatId, t.latitude, t.longitude, replyTo(card.messageId));
      await cards.addThreadMessage(card.chatId, m.message_id, t.id);
    }
    await cards.save({ ...card, extrasSent: true, updatedAt: now() });
  }

  async function editCard(card: DeskCard, t: Ticket, movedTo: string | undefined): Promise<number> {
    const text = cardText(await facts(t, movedTo));
    try {
      await inChat(card.chatId, (c) => withPlainFallback(text, (body, mode) => api.editMessageText(c, card.messageId, body, {
        ...(mode ? { parse_mode: mode } : {}), reply_markup: movedTo ? { inline_keyboard: [] } : cardKeyboard(t), link_preview_options: { is_disabled: true },
      }), plainFallbackLog(t.number)));
    } catch (err) {
      if (isNotModified(err)) {
        // Nothing changed on the card (e.g. a second desk's refresh): fine.
      } else if (isMessageGone(err)) {
        await cards.remove(t.id, card.chatId);
        if (movedTo) return card.messageId;
        log.info({ ticket: t.number, chatId: card.chatId }, 'telegram: card message is gone (deleted?); posting it again');
        return postCard(card.chatId, t);
      } else {
        throw err;
      }
    }
    const current = (await cards.get(t.id, card.chatId)) ?? card;
    if (!movedTo && !current.extrasSent) await sendExtras(current, t);
    return card.messageId;
  }

  /** Shows the ticket in one chat: full card where the chat works the ticket, "dialihkan" where it no longer does. */
  async function showCard(chatId: string, t: Ticket): Promise<number | undefined> {
    const serves = (await chatsServing(t.agency)).includes(chatId);
    const existing = await cards.get(t.id, chatId);
    if (!serves) {
      return existing ? editCard(existing, t, t.agency) : undefined;
    }
    return existing ? editCard(existing, t, undefined) : postCard(chatId, t);
  }

  async function relayCitizen(chatId: string, t: Ticket, text: string | undefined, photoPath: string | undefined): Promise<number> {
    const citizen = await app.store.citizens.get(t.citizenId);
    const header = `💬 Pesan warga (${escapeHtml(maskName(citizen?.displayName))}) untuk <b>${escapeHtml(t.number)}</b>:`;
    const body = text ? `\n${escapeHtml(redactForStaff(text))}` : '';
    const card = await cards.get(t.id, chatId);
    const opts = replyTo(card?.messageId);
    const hint = '\n<i>Balas pesan ini untuk menjawab warga.</i>';
    const log = plainFallbackLog(t.number);
    const { chat, result } = photoPath && existsSync(photoPath)
      ? await inChat(chatId, (c) => withPlainFallback(fitHtml(`${header}${body}`, CAPTION_MAX), (caption, mode) =>
        api.sendPhoto(c, new InputFile(photoPath), { caption, ...(mode ? { parse_mode: mode } : {}), ...opts }), log))
      : await inChat(chatId, (c) => withPlainFallback(`${fitHtml(`${header}${body}`, TEXT_MAX - hint.length)}${hint}`, (html, mode) =>
        api.sendMessage(c, html, { ...(mode ? { parse_mode: mode } : {}), ...opts }), log));
    await cards.addThreadMessage(chat, result.message_id, t.id);
    return result.message_id;
  }

  async function notice(chatId: string, text: string, ticketId: number | undefined): Promise<number> {
    const card = ticketId ? await cards.get(ticketId, chatId) : undefined;
    const { chat, result } = await inChat(chatId, (c) => withPlainFallback(fitHtml(toTelegramHtml(text), TEXT_MAX), (html, mode) =>
      api.sendMessage(c, html, { ...(mode ? { parse_mode: mode } : {}), ...replyTo(card?.messageId) }), plainFallbackLog(ticketId ? `ticket ${ticketId}` : 'notice')));
    if (ticketId) await cards.addThreadMessage(chat, result.message_id, ticketId);
    return result.message_id;
  }

  /**
   * Delivers to every desk chat of the agency. One chat failing for good
   * (bot removed) does not stop the others; a transient failure anywhere is
   * retried by the outbox (cards are edited in place, so a retry never duplicates them).
   */
  async function deliver(agency: string, payload: DeskPayload): Promise<SendResult> {
    let chats = await chatsOf(agency);
    if (chats.length === 0) chats = (await chatsOf(cfg().city.triage_agency));
    if (chats.length === 0) throw noDeskError(agency);
    const ticket = payload.type === 'notice' ? (payload.ticketId ? await app.store.tickets.get(payload.ticketId) : undefined) : await app.store.tickets.get(payload.ticketId);
    if (payload.type !== 'notice' && !ticket) throw new Error(`Desk payload ${payload.type} refers to ticket ${payload.ticketId}, which does not exist`);

    const ids: number[] = [];
    const failures: { chat: string; err: Error }[] = [];
    for (const chat of chats) {
      try {
        let id: number | undefined;
        if (payload.type === 'card') id = await showCard(chat, ticket!);
        else if (payload.type === 'citizen_reply') id = await relayCitizen(chat, ticket!, payload.text, payload.photoPath);
        else id = await notice(chat, payload.text, payload.ticketId);
        if (id !== undefined) ids.push(id);
      } catch (err) {
        failures.push({ chat, err: toSendError(err, `${payload.type} for ${agency} in chat ${chat}`) });
      }
    }
    const transient = failures.find((f) => f.err instanceof TransientSendError);
    if (transient) {
      lastError = transient.err.message;
      throw transient.err;
    }
    if (failures.length && failures.length === chats.length) {
      lastError = failures[0]!.err.message;
      throw failures[0]!.err;
    }
    for (const f of failures) log.warn({ agency, chatId: f.chat, err: f.err.message }, 'telegram: one desk chat refused a message; the others got it');
    delivered++;
    lastError = undefined;
    return ids.length ? { externalId: String(ids[0]) } : {};
  }

  // ---------------------------------------------------------- staff side

  const actorOf = (u: User): Actor => ({ type: 'staff', id: String(u.id), name: u.first_name });
  const isAdmin = (u: User | undefined) => !!u && deps.admins.has(String(u.id));

  async function isMember(chatId: string, userId: number): Promise<boolean> {
    const key = `${chatId}:${userId}`;
    const cached = members.get(key);
    if (cached && Date.now() - cached.at < memberCacheMs) return cached.ok;
    const m = await api.getChatMember(chatId, userId);
    const ok = m.status === 'creator' || m.status === 'administrator' || m.status === 'member' || (m.status === 'restricted' && m.is_member);
    members.set(key, { ok, at: Date.now() });
    return ok;
  }

  /** Why this user in this chat may not act on the ticket, or undefined when they may. */
  async function refusal(chatId: string, user: User, t: Ticket): Promise<string | undefined> {
    if (isAdmin(user)) return undefined;
    const allowed = new Set([...(await chatsServing(t.agency)), ...(await chatsOf(cfg().city.triage_agency))]);
    if (!allowed.has(chatId)) return `⛔ Laporan ${t.number} ditangani ${t.agency}. Hanya grup dinas itu yang dapat menanganinya.`;
    if (user.id === ANONYMOUS_ADMIN_ID) return '⛔ Tindakan dari admin anonim tidak bisa dicatat. Matikan "Tetap anonim" di pengaturan admin grup.';
    try {
      if (!(await isMember(chatId, user.id))) return `⛔ Hanya anggota grup ${(await agencyOfChat(chatId)) ?? t.agency} yang dapat menangani laporan ini.`;
    } catch (err) {
      log.warn({ err, chatId, userId: user.id }, 'telegram: membership check failed');
      return '⚠️ Keanggotaan grup tidak bisa diperiksa saat ini. Coba lagi sebentar lagi.';
    }
    return undefined;
  }

  /** A ticket error in staff words (the service's messages are for developers and logs). */
  function explain(err: unknown, t: Ticket): string {
    return `⚠️ ${refusalText(err, t, 'desk') ?? UNEXPECTED_REFUSAL}`;
  }

  async function say(chatId: number | string, html: string, replyToId?: number): Promise<Message.TextMessage | undefined> {
    try {
      return await withPlainFallback(fitHtml(html, TEXT_MAX), (text, mode) =>
        api.sendMessage(chatId, text, { ...(mode ? { parse_mode: mode } : {}), link_preview_options: { is_disabled: true }, ...replyTo(replyToId) }));
    } catch (err) {
      log.warn({ err, chatId }, 'telegram: could not answer in the desk chat');
      return undefined;
    }
  }

  /** Applies a staff action and wakes the outbox; returns an explanation when refused. */
  async function act(t: Ticket, action: TicketAction, user: User, extra: { note?: string; agency?: string; photoPath?: string } = {}): Promise<string | undefined> {
    try {
      await app.tickets.act(t.id, action, { actor: actorOf(user), ...extra });
      app.worker.kick();
      return undefined;
    } catch (err) {
      if (!(err instanceof TicketError || err instanceof IllegalTransitionError)) log.error({ err, ticket: t.number, action }, 'telegram: staff action failed');
      return explain(err, t);
    }
  }

  async function downloadStaffPhoto(chatId: string, msg: Message): Promise<string | undefined | 'too_large' | 'failed'> {
    if (!msg.photo?.length) return undefined;
    const largest = msg.photo.reduce((a, b) => ((b.width * b.height) > (a.width * a.height) ? b : a));
    const got = await downloadFile({
      api, apiRoot: deps.apiRoot, token: deps.token, fileId: largest.file_id, name: `desk${chatId}-${msg.message_id}`,
      dir: join(deps.mediaDir, 'telegram'), maxBytes: deps.maxPhotoBytes, ...(largest.file_size !== undefined ? { knownSize: largest.file_size } : {}),
    });
    if (got.ok) return got.path;
    log.warn({ chatId, reason: got.reason, error: got.error }, 'telegram: staff photo not stored');
    return got.reason === 'too_large' ? 'too_large' : 'failed';
  }

  const composer = new Composer<Context>();

  // Buttons on cards. Answered at once (with the refusal when there is one), then the work is done.
  composer.callbackQuery(/^d:/, async (ctx) => {
    const parsed = parseDeskData(ctx.callbackQuery.data);
    const answer = (text?: string, alert = false) => ctx.answerCallbackQuery(text ? { text, show_alert: alert } : {})
      .catch((err: unknown) => log.debug({ err }, 'telegram: answerCallbackQuery failed'));
    const message = ctx.callbackQuery.message;
    const t = parsed ? await app.store.tickets.get(parsed.ticketId) : undefined;
    if (!parsed || !t || !message) return void (await answer('Laporan tidak ditemukan.', true));
    const chatId = String(message.chat.id);
    const why = await refusal(chatId, ctx.from, t);
    if (why) {
      log.info({ ticket: t.number, chatId, userId: ctx.from.id, action: parsed.action }, 'telegram: desk button refused');
      return void (await answer(why, true));
    }
    const action: TicketAction | undefined = parsed.action === 'selesai' ? 'selesaikan' : parsed.action === 'ke' ? 'alihkan'
      : parsed.action === 'kembali' ? undefined : parsed.action;
    if (action && !canApply(action, t.state)) {
      await answer(`Laporan ${t.number} sekarang berstatus "${t.state}".`, true);
      await showCard(chatId, t).catch(() => undefined);
      return;
    }
    switch (parsed.action) {
      case 'ambil': {
        await answer(`Anda mengambil ${t.number}.`);
        const err = await act(t, 'ambil', ctx.from);
        if (err) await say(chatId, escapeHtml(err), message.message_id);
        return;
      }
      case 'ke': {
        await answer(`Dialihkan ke ${parsed.agency}.`);
        const err = await act(t, 'alihkan', ctx.from, { agency: parsed.agency ?? '' });
        if (err) await say(chatId, escapeHtml(err), message.message_id);
        return;
      }
      case 'alihkan':
        await answer('Pilih dinas tujuan.');
        await api.editMessageReplyMarkup(chatId, message.message_id, { reply_markup: reassignKeyboard(t, cfg()) })
          .catch((err: unknown) => log.warn({ err }, 'telegram: could not show the agency picker'));
        return;
      case 'kembali':
        await answer();
        await api.editMessageReplyMarkup(chatId, message.message_id, { reply_markup: cardKeyboard(t) })
          .catch((err: unknown) => { if (!isNotModified(err)) log.warn({ err }, 'telegram: could not restore the card buttons'); });
        return;
      case 'proses':
      case 'selesai':
      case 'tolak': {
        const a = parsed.action === 'selesai' ? 'selesaikan' : parsed.action;
        await answer('Balas pesan berikut.');
        const p = PROMPTS[a];
        const name = `<a href="tg://user?id=${ctx.from.id}">${escapeHtml(ctx.from.first_name)}</a>`;
        const sent = await api.sendMessage(chatId, `${name}, ${p.ask} — laporan <b>${escapeHtml(t.number)}</b>.\nBalas (reply) pesan ini.`, {
          parse_mode: 'HTML', ...replyTo(message.message_id),
          reply_markup: { force_reply: true, selective: true, input_field_placeholder: p.placeholder },
        }).catch((err: unknown) => {
          log.warn({ err }, 'telegram: could not send the prompt');
          return undefined;
        });
        if (sent) {
          await cards.addPrompt({ chatId, messageId: sent.message_id, ticketId: t.id, action: a, userId: String(ctx.from.id), photoPath: null, createdAt: now() });
        }
        return;
      }
    }
  });

  const groups = composer.chatType(['group', 'supergroup']);

  groups.command('hubungkan', async (ctx) => {
    if (!isAdmin(ctx.from)) {
      return void (await say(ctx.chat.id, '⛔ Hanya admin SuaraWarga (TELEGRAM_ADMIN_IDS) yang dapat menghubungkan grup.', ctx.msg.message_id));
    }
    const code = ctx.match.trim().toUpperCase();
    const agency = cfg().agencies.find((a) => a.code === code);
    if (!agency) {
      return void (await say(ctx.chat.id, `Kode dinas tidak dikenal. Pakai: <code>/hubungkan KODE</code>, misalnya /hubungkan ${escapeHtml(cfg().city.triage_agency)}.\nKode: ${escapeHtml(cfg().agencies.map((a) => a.code).join(', '))}`, ctx.msg.message_id));
    }
    await links.link({ agency: agency.code, chatId: String(ctx.chat.id), linkedBy: String(ctx.from.id), linkedAt: now() });
    log.info({ agency: agency.code, chatId: ctx.chat.id, by: ctx.from.id }, 'telegram: desk group linked');
    const triage = agency.code === cfg().city.triage_agency ? ' Grup ini juga menerima laporan triase dan eskalasi (Command Center).' : '';
    await say(ctx.chat.id, `✅ Grup ini sekarang menjadi meja <b>${escapeHtml(agency.name)}</b> (${agency.code}). Laporan baru akan muncul di sini.${triage}\nPerintah: /antrian, /tiket &lt;nomor&gt;, /lepas.`);
  });

  groups.command('lepas', async (ctx) => {
    if (!isAdmin(ctx.from)) return void (await say(ctx.chat.id, '⛔ Hanya admin SuaraWarga yang dapat melepas grup.', ctx.msg.message_id));
    const chatId = String(ctx.chat.id);
    const removed = await links.unlink(chatId);
    const configured = cfg().agencies.find((a) => a.telegram_chats.map(String).includes(chatId));
    const text = configured
      ? `Grup ini tercantum di prompts/agencies.yaml untuk ${configured.code}; hapus chat id ${chatId} di sana untuk melepasnya.`
      : removed ? '✅ Grup ini tidak lagi menjadi meja dinas.' : 'Grup ini memang belum terhubung ke dinas mana pun.';
    await say(ctx.chat.id, escapeHtml(text), ctx.msg.message_id);
  });

  groups.command('antrian', async (ctx) => {
    const agency = await agencyOfChat(String(ctx.chat.id));
    if (!agency) return void (await say(ctx.chat.id, 'Grup ini belum terhubung ke dinas. Admin dapat mengetik /hubungkan KODE.', ctx.msg.message_id));
    const open = (await app.store.tickets.list({ agency, states: OPEN_STATES, limit: 500 }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    if (open.length === 0) return void (await say(ctx.chat.id, `Tidak ada laporan terbuka untuk ${escapeHtml(agency)}. 🎉`));
    const nowMs = app.clock.now().getTime();
    const lines = open.slice(0, 40).map((t) => {
      const hours = Math.floor((nowMs - new Date(t.createdAt).getTime()) / 3_600_000);
      const age = hours >= 48 ? `${Math.floor(hours / 24)} hari` : `${hours} jam`;
      return `• <b>${escapeHtml(t.number)}</b> · ${t.state} · ${escapeHtml(categoryLabel(cfg(), t.category))} · ${age}${t.assigneeName ? ` · 👷 ${escapeHtml(t.assigneeName)}` : ''}`;
    });
    const more = open.length > 40 ? `\n…dan ${open.length - 40} lainnya (lihat dashboard).` : '';
    await say(ctx.chat.id, `📋 Antrian ${escapeHtml(agency)} (${open.length} terbuka, terlama dulu):\n${lines.join('\n')}${more}\nDetail: /tiket &lt;nomor&gt;`);
  });

  groups.command('tiket', async (ctx) => {
    const number = ctx.match.trim().toUpperCase();
    const t = number ? await app.store.tickets.getByNumber(number) : undefined;
    if (!t) return void (await say(ctx.chat.id, `Pakai: /tiket &lt;nomor&gt;, misalnya /tiket ${escapeHtml(cfg().city.ticket_prefix)}-0001.`, ctx.msg.message_id));
    const chatId = String(ctx.chat.id);
    const allowed = isAdmin(ctx.from) || (await chatsServing(t.agency)).includes(chatId) || (await chatsOf(cfg().city.triage_agency)).includes(chatId);
    if (!allowed) return void (await say(ctx.chat.id, `⛔ Laporan ${escapeHtml(t.number)} ditangani ${escapeHtml(t.agency)}.`, ctx.msg.message_id));
    // A long history becomes several messages; each is a thread of the card, so a reply to any reaches the citizen.
    const parts = splitHtml(`${cardText(await facts(t))}\n\n<b>Riwayat</b>\n${historyText(await app.store.tickets.events(t.id), cfg())}`, TEXT_MAX);
    for (const [i, part] of parts.entries()) {
      const sent = await say(ctx.chat.id, part, i === 0 ? ctx.msg.message_id : undefined);
      if (sent) await cards.addThreadMessage(chatId, sent.message_id, t.id);
    }
  });

  groups.on(['message:migrate_to_chat_id'], async (ctx) => await migrateChat(String(ctx.chat.id), String(ctx.msg.migrate_to_chat_id)));
  groups.on(['message:migrate_from_chat_id'], async (ctx) => await migrateChat(String(ctx.msg.migrate_from_chat_id), String(ctx.chat.id)));

  // Replies: to a prompt (note for Proses/Selesai/Tolak) or to a card's thread (message to the citizen).
  groups.on('message', async (ctx, next) => {
    const msg = ctx.msg;
    const target = msg.reply_to_message;
    if (!target || !ctx.from || (!msg.text && !msg.photo)) return next();
    if (msg.text?.startsWith('/')) return next();
    const chatId = String(ctx.chat.id);
    const prompt = await cards.getPrompt(chatId, target.message_id);
    if (prompt) return answerPrompt(ctx.from, chatId, msg, prompt);
    const ticketId = await cards.ticketOfMessage(chatId, target.message_id);
    if (ticketId === undefined) return next();
    const t = await app.store.tickets.get(ticketId);
    if (!t) return;
    const why = await refusal(chatId, ctx.from, t);
    if (why) return void (await say(chatId, escapeHtml(why), msg.message_id));
    const photo = await downloadStaffPhoto(chatId, msg);
    if (photo === 'too_large' || photo === 'failed') {
      return void (await say(chatId, photo === 'too_large' ? '⚠️ Foto terlalu besar; kirim foto yang lebih kecil.' : '⚠️ Foto gagal diunduh; coba kirim lagi.', msg.message_id));
    }
    const text = (msg.text ?? msg.caption ?? '').trim();
    try {
      await app.tickets.staffReply(t.id, actorOf(ctx.from), text || '(foto)', photo, { channel: 'telegram-desk', messageId: `${chatId}:${msg.message_id}` });
      app.worker.kick();
      await api.setMessageReaction(chatId, msg.message_id, [{ type: 'emoji', emoji: '👍' }])
        .catch((err: unknown) => log.debug({ err }, 'telegram: could not react to the staff reply'));
    } catch (err) {
      await say(chatId, escapeHtml(explain(err, t)), msg.message_id);
    }
  });

  async function answerPrompt(user: User, chatId: string, msg: Message, prompt: DeskPrompt): Promise<void> {
    const t = await app.store.tickets.get(prompt.ticketId);
    if (!t) return;
    if (prompt.userId !== String(user.id) && !isAdmin(user)) {
      return void (await say(chatId, '⛔ Permintaan ini untuk petugas yang menekan tombol. Tekan tombol di kartu jika Anda ingin menanganinya.', msg.message_id));
    }
    if (app.clock.now().getTime() - new Date(prompt.createdAt).getTime() > promptTtlMs) {
      await cards.removePrompt(chatId, prompt.messageId);
      return void (await say(chatId, '⌛ Permintaan ini sudah kedaluwarsa. Tekan lagi tombolnya di kartu laporan.', msg.message_id));
    }
    const action = prompt.action as keyof typeof PROMPTS;
    const spec = PROMPTS[action];
    if (!spec) {
      await cards.removePrompt(chatId, prompt.messageId);
      return;
    }
    const photo = await downloadStaffPhoto(chatId, msg);
    if (photo === 'too_large' || photo === 'failed') {
      return void (await say(chatId, photo === 'too_large' ? '⚠️ Foto terlalu besar; kirim foto yang lebih kecil.' : '⚠️ Foto gagal diunduh; coba kirim lagi.', msg.message_id));
    }
    let note = (msg.text ?? msg.caption ?? '').trim();
    if (action === 'proses' && note === '-') note = '';
    const photoPath = photo ?? prompt.photoPath ?? undefined;
    if (spec.noteRequired && !note) {
      if (photo) await cards.setPromptPhoto(chatId, prompt.messageId, photo);
      return void (await say(chatId, photo
        ? '📷 Foto bukti diterima. Sekarang balas pesan permintaan tadi dengan catatannya.'
        : '⚠️ Catatan wajib diisi. Balas pesan permintaan tadi dengan teks.', msg.message_id));
    }
    const err = await act(t, action, user, { ...(note ? { note } : {}), ...(photoPath && action === 'selesaikan' ? { photoPath } : {}) });
    if (err) {
      if (err.includes('berstatus')) await cards.removePrompt(chatId, prompt.messageId);
      return void (await say(chatId, escapeHtml(err), msg.message_id));
    }
    await cards.removePrompt(chatId, prompt.messageId);
  }

  // health() is synchronous: it shows the desk counts of the last look, refreshed in the background.
  let knownDesks: Record<string, number> = {};
  let countingDesks = false;
  function deskCounts(): Record<string, number> {
    if (!countingDesks) {
      countingDesks = true;
      Promise.all(cfg().agencies.map(async (a) => [a.code, (await chatsOf(a.code)).length] as const))
        .then((pairs) => { knownDesks = Object.fromEntries(pairs); })
        .catch((err: unknown) => app.logger.warn({ err }, 'telegram desk: could not count the linked desk groups'))
        .finally(() => { countingDesks = false; });
    }
    return knownDesks;
  }

  const desk: DeskChannel = {
    id: 'desk',
    deliver,
    health: (): ChannelHealth => ({
      channel: 'desk', enabled: true, connected: deps.connected?.() ?? true,
      ...(lastError ? { lastError } : {}),
      details: {
        delivered,
        desks: deskCounts(),
      },
    }),
  };

  return { desk, composer, chatsOf, agencyOfChat };
}
