/**
 * Helpers for outbox and service-level tests: a fake agency desk that records
 * what it shows, a citizen channel that can fail without saying so, and a
 * shortcut to file a ticket without going through the classifier.
 */
import { MemoryChannel } from '../../bots/memory/channel.js';
import { TransientSendError, type ChannelHealth, type DeskChannel, type DeskPayload, type OutboundMessage, type SendResult } from '../../core/ports.js';
import type { Ticket } from '../../core/tickets/types.js';
import { createTestApp, type TestApp } from '../support/app.js';

/** Records every desk delivery; `down` makes it fail as a network error would. */
export class FakeDesk implements DeskChannel {
  readonly id = 'desk' as const;
  readonly delivered: { agency: string; payload: DeskPayload }[] = [];
  down = false;
  async deliver(agency: string, payload: DeskPayload): Promise<SendResult> {
    if (this.down) throw new TransientSendError('desk: network down');
    this.delivered.push({ agency, payload });
    return { externalId: `d${this.delivered.length}` };
  }
  notices(agency?: string): string[] {
    return this.delivered.filter((d) => (!agency || d.agency === agency) && d.payload.type === 'notice')
      .map((d) => (d.payload as { text: string }).text);
  }
  health(): ChannelHealth {
    return { channel: 'desk', enabled: true, connected: true };
  }
}

/** A citizen channel whose health says connected while sends fail (a flaky network the adapter has not noticed). */
export class SilentlyFailingChannel extends MemoryChannel {
  failing = false;
  override async send(message: OutboundMessage): Promise<SendResult> {
    if (this.failing) throw new TransientSendError('ETIMEDOUT');
    return super.send(message);
  }
  override health(): ChannelHealth {
    return { channel: this.id, enabled: true, connected: true };
  }
}

/** Files a ticket for a citizen straight through the ticket service (no classifier). */
export async function fileTicket(t: TestApp, address: string, category: string, opts: { agency?: string; triage?: boolean; emergency?: boolean } = {}): Promise<Ticket> {
  const { app } = t;
  const cfg = app.prompts.current();
  const citizen = await app.store.citizens.resolve('memory', { address }, app.clock.now());
  const cat = cfg.categories.find((c) => c.id === category)!;
  return app.tickets.file({
    citizenId: citizen.id, channel: 'memory', category, agency: opts.agency ?? cat.default_agency,
    description: `Keluhan ${category} dari ${address}`, locationText: 'Jl. Soekarno-Hatta', kelurahan: null, kecamatan: null, rt: null, rw: null,
    latitude: null, longitude: null, confidence: 0.9, emergency: opts.emergency ?? cat.emergency, confidential: false, trustedReporter: null,
    routeRule: null, triage: opts.triage ?? false, photos: [],
  }, { type: 'citizen', id: String(citizen.id) });
}

export const STAFF = { type: 'staff' as const, id: '777', name: 'Andi' };

/** A WITA (UTC+8) wall time as an ISO instant. */
export const wita = (local: string) => new Date(`${local}:00+08:00`).toISOString();

/** A fresh test app (real SQLite, fake clock) with a FakeDesk as its agency desk channel. */
export async function createDeskApp(): Promise<{ t: TestApp; desk: FakeDesk }> {
  const t = await createTestApp();
  const desk = new FakeDesk();
  t.app.setDesk(desk);
  return { t, desk };
}
