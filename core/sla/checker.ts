/**
 * Service-level clocks: reminders before a deadline, escalation after it, and
 * closing tickets the citizen never confirmed.
 *
 * Every decision is computed from times stored on the ticket (forwardedAt,
 * takenAt, reopenedAt, resolvedAt) and the last notice sent (slaNotice), never
 * from in-memory timers, so a restart neither loses a clock nor repeats a
 * notice. Notices go through the ticket service, i.e. the outbox, in the same
 * transaction as the marker that says they were sent.
 *
 * Deadlines (prompts/agencies.yaml `sla`, overridden per category in
 * prompts/categories.yaml) are counted in working hours (prompts/city.yaml),
 * except for emergency categories (fires, disasters), whose clocks run round
 * the clock: a fire on Saturday night cannot wait for Monday.
 */
import type { Clock, Logger, Store } from '../ports.js';
import type { PromptConfig } from '../config/schema.js';
import { agencyName, localTime, reply } from '../config/texts.js';
import type { TicketService } from '../tickets/service.js';
import type { Ticket } from '../tickets/types.js';
import { addWorkingHours, calendarOf, type WorkCalendar } from './working-hours.js';

/** Share of a window after which the desk is reminded (75 %: a 24-hour window reminds after 18 working hours). */
export const REMINDER_AT = 0.75;

/** The clock a ticket is on now. */
export type SlaPhase = 'take' | 'resolve';

export interface SlaDeadlines {
  /** When an agency must have taken it (states baru, diteruskan), else null. */
  takeBy: string | null;
  /** When it must be resolved (state diproses), else null. */
  resolveBy: string | null;
  /** The deadline that applies now has passed. */
  overdue: boolean;
}

/** Working hours to take and to resolve a ticket: the category's override, else its agency's, else the triage agency's. */
export function slaHours(ticket: Pick<Ticket, 'agency' | 'category'>, config: PromptConfig): { take: number; resolve: number } | undefined {
  const agency = config.agencies.find((a) => a.code === ticket.agency) ?? config.agencies.find((a) => a.code === config.city.triage_agency);
  const cat = config.categories.find((c) => c.id === ticket.category);
  if (!agency) return undefined;
  return { take: cat?.sla?.take_hours ?? agency.sla.take_hours, resolve: cat?.sla?.resolve_hours ?? agency.sla.resolve_hours };
}

/** Whether the ticket's clocks run round the clock (emergency categories) rather than in working hours. */
export function roundTheClock(ticket: Pick<Ticket, 'category' | 'emergency'>, config: PromptConfig): boolean {
  return ticket.emergency || !!config.categories.find((c) => c.id === ticket.category)?.emergency;
}

interface Window {
  phase: SlaPhase;
  start: Date;
  hours: number;
  remindAt: Date;
  deadline: Date;
}

/** The window a ticket is in now, or undefined when no clock runs (selesai, final states). */
function currentWindow(ticket: Ticket, config: PromptConfig, cal: WorkCalendar | undefined): Window | undefined {
  const hours = slaHours(ticket, config);
  if (!hours) return undefined;
  let phase: SlaPhase;
  let startIso: string;
  if (ticket.state === 'baru' || ticket.state === 'diteruskan') {
    phase = 'take';
    startIso = ticket.forwardedAt ?? ticket.createdAt;
  } else if (ticket.state === 'diproses') {
    phase = 'resolve';
    // A reopened ticket gets a fresh window from the reopening; otherwise from when it was taken.
    const marks = [ticket.takenAt, ticket.reopenedAt].filter((x): x is string => !!x).sort();
    startIso = marks.at(-1) ?? ticket.forwardedAt ?? ticket.createdAt;
  } else {
    return undefined;
  }
  const h = phase === 'take' ? hours.take : hours.resolve;
  const start = new Date(startIso);
  const add = (n: number) => (cal ? addWorkingHours(start, n, cal) : new Date(start.getTime() + n * 3_600_000));
  return { phase, start, hours: h, remindAt: add(h * REMINDER_AT), deadline: add(h) };
}

function calendarFor(ticket: Ticket, config: PromptConfig): WorkCalendar | undefined {
  return roundTheClock(ticket, config) ? undefined : calendarOf(config.city);
}

/**
 * The deadlines that apply to a ticket now, for the dashboard and the desk card.
 * Pure: computed from the ticket's stored times and the configuration.
 */
export function slaDeadlines(ticket: Ticket, config: PromptConfig, now: Date = new Date()): SlaDeadlines {
  const w = currentWindow(ticket, config, calendarFor(ticket, config));
  if (!w) return { takeBy: null, resolveBy: null, overdue: false };
  const iso = w.deadline.toISOString();
  return {
    takeBy: w.phase === 'take' ? iso : null,
    resolveBy: w.phase === 'resolve' ? iso : null,
    overdue: now.getTime() >= w.deadline.getTime(),
  };
}

/** When a selesai ticket with no answer from the citizen is closed: close_after_days calendar days after it was resolved. */
export function feedbackCloseAt(ticket: Ticket, config: PromptConfig): Date | undefined {
  if (ticket.state !== 'selesai') return undefined;
  const from = ticket.resolvedAt ?? ticket.updatedAt;
  return new Date(new Date(from).getTime() + config.city.feedback.close_after_days * 86_400_000);
}

export interface SlaCheckerDeps {
  store: Store;
  tickets: TicketService;
  config: () => PromptConfig;
  clock: Clock;
  logger: Logger;
  /** Called after a round queued messages (the app wakes the outbox worker). */
  onNotice?: () => void;
}

export interface SlaRound {
  reminders: number;
  escalations: number;
  closed: number;
}

const PAGE = 500;

export function createSlaChecker(deps: SlaCheckerDeps) {
  const { store, tickets, config, clock, logger } = deps;
  let timer: NodeJS.Timeout | undefined;

  async function openTickets(): Promise<Ticket[]> {
    const out: Ticket[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await store.tickets.list({ states: ['baru', 'diteruskan', 'diproses', 'selesai'], limit: PAGE, offset });
      out.push(...page);
      if (page.length < PAGE) return out;
    }
  }

  /** Checks one ticket; returns what it did. Each notice and its marker land in one transaction. */
  async function check(t: Ticket, cfg: PromptConfig, now: Date): Promise<keyof SlaRound | undefined> {
    if (t.state === 'selesai') {
      const closeAt = feedbackCloseAt(t, cfg)!;
      if (now < closeAt) return undefined;
      const days = cfg.city.feedback.close_after_days;
      await tickets.act(t.id, 'tutup', { actor: { type: 'system' }, note: `Ditutup otomatis: warga tidak menjawab "Sudah beres?" dalam ${days} hari` });
      return 'closed';
    }
    const w = currentWindow(t, cfg, calendarFor(t, cfg));
    if (!w) return undefined;
    const reminded = t.slaNotice === `${w.phase}_reminder`;
    const escalated = t.slaNotice === `${w.phase}_overdue`;
    if (escalated) return undefined;
    const vars = { nomor: t.number, dinas: agencyName(cfg, t.agency), batas: localTime(cfg, w.deadline.toISOString()) };
    if (now >= w.deadline) {
      const level = t.escalationLevel + 1;
      const text = reply(cfg, 'desk_escalation', { ...vars, level, jenis: w.phase === 'take' ? 'mengambil' : 'menyelesaikan' });
      await store.transaction(async () => {
        await tickets.escalate(t.id, text, `${w.phase}_overdue`);
        await tickets.markSlaNotice(t.id, `${w.phase}_overdue`);
      });
      return 'escalations';
    }
    // A reminder only makes sense before the deadline; a checker that was down past it escalates straight away.
    if (now >= w.remindAt && !reminded) {
      await store.transaction(async () => {
        await tickets.notifyDesk(t.agency, reply(cfg, w.phase === 'take' ? 'desk_take_reminder' : 'desk_resolve_reminder', vars), t.id);
        await tickets.markSlaNotice(t.id, `${w.phase}_reminder`);
      });
      return 'reminders';
    }
    return undefined;
  }

  /** One pass over every open ticket. Safe to run at any time and as often as wanted. */
  async function runOnce(): Promise<SlaRound> {
    const round: SlaRound = { reminders: 0, escalations: 0, closed: 0 };
    const cfg = config();
    const now = clock.now();
    for (const listed of await openTickets()) {
      try {
        // Re-read: a staff action may have changed it since the list was taken.
        const t = await store.tickets.get(listed.id);
        if (!t) continue;
        const did = await check(t, cfg, now);
        if (did) round[did]++;
      } catch (err) {
        logger.error({ err, ticketId: listed.id, number: listed.number }, 'service-level check of a ticket failed; the others go on and it is retried next round');
      }
    }
    if (round.reminders + round.escalations + round.closed > 0) {
      logger.info({ ...round }, 'service-level round: notices queued');
      deps.onNotice?.();
    }
    return round;
  }

  return {
    runOnce,
    /** Checks every intervalMs (first check at once). */
    async start(intervalMs: number): Promise<void> {
      clearInterval(timer);
      const tick = async () => {
        try {
          await runOnce();
        } catch (err) {
          logger.error({ err }, 'service-level round failed; retrying on the next interval');
        }
      };
      await tick();
      timer = setInterval(tick, intervalMs);
      timer.unref?.();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type SlaChecker = ReturnType<typeof createSlaChecker>;
