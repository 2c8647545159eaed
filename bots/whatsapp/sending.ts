/**
 * Turns one outbound message into the paced queue's steps (a photo with its caption, or the text; then a map
 * pin). Every failure becomes a TransientSendError, so the outbox retries it.
 */
import wwebjs from 'whatsapp-web.js';
import { TransientSendError, type Logger, type OutboundMessage } from '../../core/ports.js';
import type { WaContent, WaSendOptions, WhatsAppClient } from './client.js';
import type { SenderResolver } from './identity.js';
import { renderText } from './outbound.js';
import { describe } from './pilot-settings.js';
import type { SendStep } from './send-queue.js';

const { MessageMedia, Location } = wwebjs;

/** What sending needs of the channel's state. */
export interface SendContext {
  /** The client while the channel is running and ready, else undefined. */
  readyClient(): WhatsAppClient | undefined;
  notConnected(): TransientSendError;
  senders: SenderResolver;
  logger: Logger;
  /** A send failed (shown as the channel's last error). */
  onFailure(detail: string): void;
}

/** The steps that send `message` to `chatId`; none when it has nothing to send. */
export function sendSteps(ctx: SendContext, chatId: string, message: OutboundMessage): SendStep[] {
  const text = renderText(message);
  const steps: SendStep[] = [];
  const media = message.photoPath ? loadPhoto(ctx, message.photoPath) : undefined;
  if (media) {
    steps.push(step(ctx, chatId, () => media, text ? { caption: text } : undefined));
  } else if (text) {
    steps.push(step(ctx, chatId, () => text, { linkPreview: false }));
  }
  if (message.location) {
    const { latitude, longitude, name, address } = message.location;
    const pinOptions: { name?: string; address?: string } = {};
    if (name) pinOptions.name = name;
    if (address) pinOptions.address = address;
    steps.push(step(ctx, chatId, () => new Location(latitude, longitude, pinOptions)));
  }
  return steps;
}

function step(ctx: SendContext, chatId: string, content: () => WaContent, sendOptions?: WaSendOptions): SendStep {
  return async () => {
    const c = ctx.readyClient();
    if (!c) throw ctx.notConnected();
    try {
      try {
        const sent = await c.sendMessage(chatId, content(), sendOptions);
        return sent?.id?._serialized;
      } catch (err) {
        // whatsapp-web.js 1.34 may refuse a phone address WhatsApp now only knows by its LID
        // ("No LID for user"): retry once on the citizen's @lid.
        if (!/No LID for user/i.test(describe(err)) || !chatId.endsWith('@c.us')) throw err;
        const lid = await ctx.senders.lidFor(c, chatId);
        if (!lid) throw err;
        ctx.logger.warn({ channel: 'whatsapp', chatId, lid }, 'whatsapp: phone address refused (No LID for user); sending to the @lid instead');
        const sent = await c.sendMessage(lid, content(), sendOptions);
        return sent?.id?._serialized;
      }
    } catch (err) {
      ctx.onFailure(describe(err));
      throw new TransientSendError(`whatsapp: sending to ${chatId} failed: ${describe(err)}`, undefined, { cause: err });
    }
  };
}

function loadPhoto(ctx: SendContext, photoPath: string): InstanceType<typeof MessageMedia> | undefined {
  try {
    return MessageMedia.fromFilePath(photoPath);
  } catch (err) {
    ctx.logger.warn({ err, photoPath, channel: 'whatsapp' }, 'whatsapp: photo to send is missing or unreadable; sending the text alone');
    return undefined;
  }
}
