/**
 * One citizen, whatever id WhatsApp gives them.
 *
 * Why: WhatsApp is moving users to "LID" ids (`1234567890@lid`) that hide the
 * phone number. The same person may write as `6281234567890@c.us` today and as
 * `…@lid` tomorrow. We pick the phone form as the canonical address whenever it
 * can be learned (replies work to it and it is stable across devices), and hand
 * the other form to the store as an alias so both resolve to one citizen.
 */
import type { Sender } from '../../core/ports.js';
import type { Logger } from '../../core/ports.js';
import type { WaMessage, WhatsAppClient } from './client.js';

const C_US = '@c.us';
const LID = '@lid';

/** `6281234567890@c.us` → `6281234567890`; undefined for anything else. */
export function phoneOf(jid: string | undefined | null): string | undefined {
  if (!jid || !jid.endsWith(C_US)) return undefined;
  const digits = jid.slice(0, -C_US.length).split(':')[0] ?? '';
  return /^\d{5,20}$/.test(digits) ? digits : undefined;
}

export function isLid(jid: string | undefined | null): jid is string {
  return !!jid && jid.endsWith(LID);
}

/** Digits from a contact.number (may carry '+', spaces) → `<digits>@c.us`, or undefined. */
function jidFromNumber(number: string | null | undefined): string | undefined {
  const digits = (number ?? '').replace(/\D/g, '');
  return /^\d{5,20}$/.test(digits) ? `${digits}${C_US}` : undefined;
}

/**
 * Resolves senders to a Sender, remembering lid ↔ phone pairs so each pair is
 * asked of WhatsApp Web only once per process.
 */
export class SenderResolver {
  private readonly lidToPhone = new Map<string, string>();
  private readonly phoneToLid = new Map<string, string>();
  /** Ids already asked of getContactLidAndPhone (answered, even if without the other form). */
  private readonly lookedUp = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Learn a pair from any source (lookup, contact, a previous message). */
  remember(lid: string | undefined, phoneJid: string | undefined): void {
    if (isLid(lid) && phoneOf(phoneJid)) {
      this.lidToPhone.set(lid, phoneJid!);
      this.phoneToLid.set(phoneJid!, lid);
    }
  }

  /** The @lid behind a `…@c.us` address, from what was learnt or by asking WhatsApp Web. */
  async lidFor(client: WhatsAppClient, phoneJid: string): Promise<string | undefined> {
    const known = this.phoneToLid.get(phoneJid);
    if (known || !client.getContactLidAndPhone) return known;
    try {
      const [pair] = await client.getContactLidAndPhone([phoneJid]);
      this.remember(pair?.lid, phoneJid);
      return isLid(pair?.lid) ? pair.lid : undefined;
    } catch {
      return undefined;
    }
  }

  async resolve(client: WhatsAppClient, msg: WaMessage): Promise<Sender> {
    const from = msg.from;
    let phoneJid = phoneOf(from) ? from : this.lidToPhone.get(from);
    let lid = isLid(from) ? from : this.phoneToLid.get(from);
    let pushname: string | undefined;

    const missing = isLid(from) ? !phoneJid : !lid;
    if (missing && client.getContactLidAndPhone && !this.lookedUp.has(from)) {
      try {
        const [pair] = await client.getContactLidAndPhone([from]);
        this.lookedUp.add(from);
        if (pair) {
          if (!phoneJid && phoneOf(pair.pn)) phoneJid = pair.pn;
          if (!lid && isLid(pair.lid)) lid = pair.lid;
        }
      } catch (err) {
        this.logger.debug({ err, from }, 'whatsapp: getContactLidAndPhone failed; using the contact instead');
      }
    }

    if (isLid(from) && !phoneJid && msg.getContact) {
      try {
        const contact = await msg.getContact();
        pushname = contact.pushname;
        phoneJid = (contact.id && phoneOf(contact.id._serialized) ? contact.id._serialized : undefined) ?? jidFromNumber(contact.number);
      } catch (err) {
        this.logger.debug({ err, from }, 'whatsapp: getContact failed; keeping the @lid address');
      }
    }

    this.remember(lid, phoneJid);

    const address = phoneJid ?? from;
    const aliases = [lid, from].filter((a): a is string => !!a && a !== address);
    const sender: Sender = { address };
    if (aliases.length) sender.aliases = [...new Set(aliases)];
    const phone = phoneOf(phoneJid);
    if (phone) sender.phone = phone;
    const displayName = msg._data?.notifyName || pushname;
    if (displayName) sender.displayName = displayName;
    return sender;
  }
}
