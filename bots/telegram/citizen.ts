/**
 * The citizen bot: private chats in, the conversation engine's replies out.
 * Everything here is translation between Telegram and the channel-neutral
 * InboundMessage/OutboundMessage; the conversation itself lives in core.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, InputFile, type Api, type Context } from 'grammy';
import type { Message } from 'grammy/types';
import type { InboundHandler, InboundMedia, InboundMessage, Logger, MediaKind, OutboundMessage, SendResult } from '../../core/ports.js';
import { toSendError } from './api.js';
import { choicesKeyboard, toTelegramHtml } from './format.js';
import { fitHtml, TEXT_MAX } from './limits.js';
import { downloadFile } from './media.js';

export interface CitizenDeps {
  api: Api;
  apiRoot: string;
  token: string;
  mediaDir: string;
  maxPhotoBytes: number;
  logger: Logger;
  /** The engine's handler, set when the channel starts. */
  handler: () => InboundHandler | undefined;
}

/** Telegram caption limit (characters after entity parsing). */
const CAPTION_MAX = 1024;

/** Commands citizens see in the menu, mapped to what the engine understands. */
export const CITIZEN_COMMANDS = [
  { command: 'lapor', description: 'Buat laporan baru' },
  { command: 'status', description: 'Lihat laporan saya' },
  { command: 'bantuan', description: 'Cara memakai layanan ini' },
];

/** "/start" and "/bantuan" show the menu, "/status" lists the citizen's tickets, "/lapor …" starts a report. */
export function commandText(text: string): string {
  const m = /^\/([A-Za-z_]+)(?:@\w+)?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return text;
  const [, cmd, rest] = m;
  switch (cmd!.toLowerCase()) {
    case 'start':
    case 'bantuan':
    case 'help':
    case 'menu':
      return 'menu';
    case 'status':
      return rest?.trim() ? `cek ${rest.trim()}` : 'laporan saya';
    case 'lapor':
      // With a description ("/lapor sampah menumpuk di …") the engine starts the report at once;
      // bare, the engine answers with the menu, which asks the citizen to describe the problem.
      return rest?.trim() ? rest.trim() : 'lapor';
    default:
      return text;
  }
}

function mediaKind(msg: Message): MediaKind | undefined {
  if (msg.photo) return 'photo';
  if (msg.voice) return 'voice';
  if (msg.audio) return 'audio';
  if (msg.video || msg.video_note || msg.animation) return 'video';
  if (msg.sticker) return 'sticker';
  if (msg.document) return 'document';
  if (msg.contact) return 'contact';
  return undefined;
}

export function createCitizenBot(deps: CitizenDeps) {
  const composer = new Composer<Context>();
  const priv = composer.chatType('private');

  priv.on('message', async (ctx) => {
    const handler = deps.handler();
    if (!handler) return;
    const msg = ctx.message;
    const chatId = String(ctx.chat.id);
    const inbound: InboundMessage = {
      channel: 'telegram',
      externalId: `${chatId}:${msg.message_id}`,
      sender: { address: chatId, ...(ctx.from?.first_name ? { displayName: ctx.from.first_name } : {}) },
      receivedAt: new Date(msg.date * 1000),
    };
    const text = msg.text ?? msg.caption;
    if (text) inbound.text = msg.text?.startsWith('/') ? commandText(msg.text) : text;
    const place = msg.venue?.location ?? msg.location;
    if (place) {
      inbound.location = {
        latitude: place.latitude, longitude: place.longitude,
        ...(msg.venue?.title ? { name: msg.venue.title } : {}), ...(msg.venue?.address ? { address: msg.venue.address } : {}),
      };
    }
    const kind = mediaKind(msg);
    if (kind === 'photo' && msg.photo) {
      const largest = msg.photo.reduce((a, b) => ((b.width * b.height) > (a.width * a.height) ? b : a));
      const got = await downloadFile({
        api: deps.api, apiRoot: deps.apiRoot, token: deps.token, fileId: largest.file_id, name: `${chatId}-${msg.message_id}`,
        dir: join(deps.mediaDir, 'telegram'), maxBytes: deps.maxPhotoBytes, ...(largest.file_size !== undefined ? { knownSize: largest.file_size } : {}),
      });
      const media: InboundMedia = got.ok
        ? { kind: 'photo', path: got.path, bytes: got.bytes, mimeType: 'image/jpeg' }
        : { kind: 'photo', rejectedReason: got.reason };
      if (!got.ok) deps.logger.warn({ chatId, reason: got.reason, error: got.error }, 'telegram: citizen photo not stored');
      inbound.media = media;
    } else if (kind && !place) {
      inbound.media = { kind };
    }
    await handler(inbound);
  });

  priv.on('callback_query:data', async (ctx) => {
    // Answer at once: the spinner on the citizen's phone stops before any slow work.
    await ctx.answerCallbackQuery().catch((err: unknown) => deps.logger.debug({ err }, 'telegram: answerCallbackQuery failed'));
    const handler = deps.handler();
    if (!handler) return;
    const chatId = String(ctx.chat.id);
    await handler({
      channel: 'telegram',
      externalId: ctx.callbackQuery.id,
      sender: { address: chatId, displayName: ctx.from.first_name },
      choice: ctx.callbackQuery.data,
    });
    // The question is answered: take its buttons away so a second press cannot answer it again.
    const message = ctx.callbackQuery.message;
    if (message) {
      await deps.api.editMessageReplyMarkup(ctx.chat.id, message.message_id, { reply_markup: { inline_keyboard: [] } })
        .catch((err: unknown) => deps.logger.debug({ err }, 'telegram: could not remove pressed buttons'));
    }
  });

  /** Delivers one outbox message to a citizen's private chat. */
  async function send(m: OutboundMessage): Promise<SendResult> {
    const html = fitHtml(toTelegramHtml(m.text), TEXT_MAX);
    const keyboard = m.choices?.length ? choicesKeyboard(m.choices) : undefined;
    const base = { parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) };
    try {
      let sent: { message_id: number } | undefined;
      const photo = m.photoPath && existsSync(m.photoPath) ? m.photoPath : undefined;
      if (m.photoPath && !photo) deps.logger.warn({ photoPath: m.photoPath }, 'telegram: photo to send is missing on disk; sending the text alone');
      if (photo && m.text.length <= CAPTION_MAX) {
        sent = await deps.api.sendPhoto(m.to, new InputFile(photo), { caption: html, ...base });
      } else {
        if (photo) await deps.api.sendPhoto(m.to, new InputFile(photo));
        sent = await deps.api.sendMessage(m.to, html, { ...base, link_preview_options: { is_disabled: true } });
      }
      if (m.location) await deps.api.sendLocation(m.to, m.location.latitude, m.location.longitude);
      return { externalId: String(sent.message_id) };
    } catch (err) {
      throw toSendError(err, `message to citizen chat ${m.to}`);
    }
  }

  return { composer, send };
}
