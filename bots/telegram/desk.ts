/**
 * Agency desks: Telegram groups where staff work tickets. The outbox calls
 * deliver() to post or edit ticket cards (desk-cards.ts); staff press the card's buttons,
 * answer the bot's prompts and reply to cards. Ticket changes go through the
 * ticket service (which writes citizen updates and card refreshes to the
 * outbox); this file only translates between Telegram and those use cases.
 */
import { join } from 'node:path';
import { Composer, type Api, type Context } from 'grammy';
import type { Message, User } from 'grammy/types';
import { categoryLabel } from '../../core/config/texts.js';
import type { ChannelHealth, DeskChannel } from '../../core/ports.js';
import { canApply, IllegalTransitionError, type TicketAction } from '../../core/tickets/states.js';
import { refusalText, UNEXPECTED_REFUSAL } from '../../core/tickets/refusals.js';
import { TicketError } from '../../core/tickets/service.js';
import { OPEN_STATES, type Actor, type Ticket } from '../../core/tickets/types.js';
import { isNotModified } from './api.js';
import { createDeskPosting, replyTo } from './desk-cards.js';
import { cardKeyboard, cardText, escapeHtml, historyText, parseDeskData, reassignKeyboard } from './format.js';
import { fitHtml, splitHtml, TEXT_MAX, withPlainFallback } from './limits.js';
import { downloadFile } from './media.js';
import type { DeskCardRepo, DeskLinkRepo, DeskPrompt, TelegramHost } from './ports.js';

export interface DeskDeps {
  app: TelegramHost;
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

  const posting = createDeskPosting({ app, api, cards, links });
  const { chatsOf, chatsServing, agencyOfChat, migrateChat, facts, showCard } = posting;

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
    deliver: posting.deliver,
    health: (): ChannelHealth => {
      const { delivered, lastError } = posting.status();
      return {
        channel: 'desk', enabled: true, connected: deps.connected?.() ?? true,
        ...(lastError ? { lastError } : {}),
        details: { delivered, desks: deskCounts() },
      };
    },
  };

  return { desk, composer, chatsOf, agencyOfChat };
}
