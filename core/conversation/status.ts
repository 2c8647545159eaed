/**
 * What a citizen may ask about their tickets at any point: the status of one
 * (only their own or one they support), the list of open ones, withdrawing one,
 * and supporting one the bot offered them.
 */
import { categoryLabel, agencyName, localTime, reply } from '../config/texts.js';
import { canApply } from '../tickets/states.js';
import { OPEN_STATES } from '../tickets/types.js';
import { say, type EngineContext, type Turn } from './turn.js';

/** How many tickets "laporan saya" lists before saying how many more there are. */
const LIST_MAX = 10;

/** The status of tickets by number; another citizen's ticket is "not found". */
export async function statusOf(ctx: EngineContext, turn: Turn, numbers: string[]): Promise<void> {
  const { store } = ctx;
  for (const n of numbers.slice(0, 3)) {
    const t = await store.tickets.getByNumber(n);
    // Only the reporter and supporters see a ticket's details; anyone else is told it does not exist.
    const mine = t && (t.citizenId === turn.citizen.id || (await store.tickets.supporters(t.id)).includes(turn.citizen.id));
    if (!t || !mine) {
      say(turn, 'status_not_found', { nomor: n });
      continue;
    }
    say(turn, 'status_one', {
      nomor: t.number, kategori: categoryLabel(turn.cfg, t.category), status: t.state, dinas: agencyName(turn.cfg, t.agency),
      lokasi: t.locationText, diperbarui: localTime(turn.cfg, t.updatedAt),
    });
  }
}

/** "laporan saya": every open ticket the citizen reported or supports, the first ten listed and the rest counted. */
export async function statusList(ctx: EngineContext, turn: Turn): Promise<void> {
  const mine = await ctx.store.tickets.list({ citizenId: turn.citizen.id, states: OPEN_STATES });
  if (mine.length === 0) return say(turn, 'status_none');
  if (mine.length === 1) return statusOf(ctx, turn, [mine[0]!.number]);
  const lines = mine.slice(0, LIST_MAX).map((t) => reply(turn.cfg, 'status_list_item', { nomor: t.number, kategori: categoryLabel(turn.cfg, t.category), status: t.state }));
  if (mine.length > LIST_MAX) lines.push(reply(turn.cfg, 'status_list_more', { jumlah: mine.length - LIST_MAX }));
  turn.replies.push({ text: [reply(turn.cfg, 'status_list_header'), ...lines].join('\n') });
}

/** "batal BM-0001": the reporter withdraws a ticket not yet resolved. */
export async function cancelTicket(ctx: EngineContext, turn: Turn, number: string): Promise<void> {
  const t = await ctx.store.tickets.getByNumber(number);
  if (!t || t.citizenId !== turn.citizen.id) return say(turn, 'status_not_found', { nomor: number });
  if (!canApply('batalkan', t.state)) return say(turn, 'ticket_cannot_cancel', { nomor: t.number, status: t.state });
  turn.ticket = (await ctx.tickets.act(t.id, 'batalkan', { actor: { type: 'citizen', id: String(turn.citizen.id) }, note: 'Dibatalkan oleh pelapor' }));
  say(turn, 'ticket_cancelled', { nomor: t.number });
}

/** Supports a ticket the bot offered (the caller checked the offer); the service refuses closed or confidential ones. */
export async function supportTicket(ctx: EngineContext, turn: Turn, ticketId: number): Promise<boolean> {
  const result = await ctx.tickets.support(ticketId, turn.citizen.id);
  const t = await ctx.store.tickets.get(ticketId);
  if (!t) return false;
  if (result === 'supported') say(turn, 'supported', { nomor: t.number });
  else if (result === 'already') say(turn, 'already_supporting', { nomor: t.number });
  else return false;
  return true;
}
