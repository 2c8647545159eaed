/**
 * `npm run cli -- citizen …` and `retention run`: data-access and erasure
 * requests (UU 27/2022 PDP), blocking abusive senders, and the retention run,
 * from the command line. Every change is written to the audit log.
 */
import { writeFileSync } from 'node:fs';
import type { App } from '../app/build.js';
import { mediaRemover, runRetention } from '../app/privacy.js';
import type { Citizen } from '../core/ports.js';
import { eraseCitizenData } from '../core/privacy/erase.js';

export const PRIVACY_HELP = `  npm run cli -- citizen export <nomor-tiket | saluran:alamat> [--out berkas.json]
  npm run cli -- citizen erase <nomor-tiket | saluran:alamat> --yes
  npm run cli -- citizen block <nomor-tiket | saluran:alamat> --reason "<alasan>"
  npm run cli -- citizen unblock <saluran:alamat> | citizen blocked
  npm run cli -- retention run [--days N]      remove texts and photos of tickets closed N days ago (default RETENTION_DAYS)
`;

/** A usage mistake: the message says what to type instead. */
export class PrivacyUsageError extends Error {
  override name = 'UsageError';
}

async function findCitizen(app: App, who: string | undefined): Promise<{ citizen: Citizen; ticketId: number | null }> {
  if (!who) throw new PrivacyUsageError('name the citizen by a ticket number (BM-0042) or as channel:address (whatsapp:6281234567890@c.us)');
  if (/^[A-Za-z]{2,5}-\d+$/.test(who)) {
    const t = await app.store.tickets.getByNumber(who.toUpperCase());
    const citizen = t ? await app.store.citizens.get(t.citizenId) : undefined;
    if (!t || !citizen) throw new PrivacyUsageError(`no ticket ${who}; list them with: npm run cli -- tickets`);
    return { citizen, ticketId: t.id };
  }
  const at = who.indexOf(':');
  const citizen = at > 0 ? await app.store.citizens.findByAddress(who.slice(0, at), who.slice(at + 1)) : undefined;
  if (!citizen) throw new PrivacyUsageError(`no citizen "${who}"; write channel:address as stored, e.g. whatsapp:6281234567890@c.us or telegram:5001`);
  return { citizen, ticketId: null };
}

/** Runs a `citizen` or `retention` command; returns the exit code. */
export async function runPrivacyCommand(app: App, cmd: 'citizen' | 'retention', positional: string[], opts: Record<string, string>, out: (line: string) => void): Promise<number> {
  const audit = app.store.webUsers;
  const by = `cli:${process.env.USER ?? 'admin'}`;
  const now = () => app.clock.now().toISOString();
  const removeFiles = mediaRemover(app.config.MEDIA_DIR, app.logger);
  const record = async (action: string, ticketId: number | null, detail: string) => await audit.audit({ at: now(), userName: by, action, ticketId, detail });

  if (cmd === 'retention') {
    if (positional[0] !== 'run') throw new PrivacyUsageError('usage: npm run cli -- retention run [--days N]');
    const days = Number(opts.days ?? app.config.RETENTION_DAYS);
    if (!Number.isInteger(days) || days < 1) throw new PrivacyUsageError('set RETENTION_DAYS in .env or pass --days N (a whole number of days, at least 1)');
    const r = await runRetention(app.store, days, app.clock, removeFiles);
    await record('retention_run', null, `${days} hari: ${r.tickets} tiket, ${r.messages} pesan, ${r.files.length} foto`);
    out(`retention (${days} days): texts removed from ${r.tickets} closed ticket(s) and ${r.messages} message(s); ${r.files.length} photo(s) deleted`);
    return 0;
  }

  const [sub, who] = positional;
  switch (sub) {
    case 'export': {
      const { citizen, ticketId } = await findCitizen(app, who);
      const data = JSON.stringify({ exportedAt: now(), ...(await app.store.privacy.exportCitizen(citizen.id)) }, null, 2);
      await record('citizen_export', ticketId, `${citizen.channel}:${citizen.address}`);
      if (opts.out) {
        writeFileSync(opts.out, data);
        out(`wrote ${opts.out}`);
      } else {
        out(data);
      }
      return 0;
    }
    case 'erase': {
      const { citizen, ticketId } = await findCitizen(app, who);
      if (opts.yes !== 'true') throw new PrivacyUsageError(`this removes the name, phone, addresses, texts and photos of ${citizen.channel}:${citizen.address} for good; add --yes to go ahead`);
      const r = await eraseCitizenData(app.store, app.store.privacy, citizen.id, now());
      removeFiles(r.files);
      await record('citizen_erase', ticketId, `${citizen.channel}: ${r.tickets} tiket, ${r.messages} pesan, ${r.files.length} foto`);
      out(`erased: ${r.tickets} ticket(s) anonymised, ${r.messages} message(s) emptied, ${r.files.length} photo(s) deleted`);
      return 0;
    }
    case 'block': {
      const { citizen, ticketId } = await findCitizen(app, who);
      if (!opts.reason || opts.reason === 'true') throw new PrivacyUsageError('add --reason "laporan palsu berulang" (kept in the audit log)');
      await app.store.privacy.block({ channel: citizen.channel, address: citizen.address, blockedBy: by, reason: opts.reason, blockedAt: now() });
      await record('sender_block', ticketId, `${citizen.channel}:${citizen.address} — ${opts.reason}`);
      out(`blocked ${citizen.channel}:${citizen.address}; their messages are recorded, answered once, and not processed`);
      return 0;
    }
    case 'unblock': {
      const at = who?.indexOf(':') ?? -1;
      if (!who || at < 1) throw new PrivacyUsageError('usage: npm run cli -- citizen unblock <channel:address> (see: citizen blocked)');
      const channel = who.slice(0, at);
      const address = who.slice(at + 1);
      if (!(await app.store.privacy.unblock(channel, address))) {
        out(`${who} is not blocked`);
        return 1;
      }
      await record('sender_unblock', null, who);
      out(`unblocked ${who}`);
      return 0;
    }
    case 'blocked':
      for (const b of await app.store.privacy.listBlocked()) out(`${b.channel}:${b.address}  ${b.blockedAt}  ${b.blockedBy}  ${b.reason ?? ''}`);
      return 0;
    default:
      throw new PrivacyUsageError(`usage:\n${PRIVACY_HELP}`);
  }
}
