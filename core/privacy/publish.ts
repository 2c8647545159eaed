/**
 * What of a ticket may be published (Open311, public pages, exports for
 * others): a choice the city makes in prompts/city.yaml (`publish`) and each
 * category makes in prompts/categories.yaml (`public`). Never a name or
 * contact; a ticket the citizen marked RAHASIA is never published at all.
 */
import type { PromptConfig } from '../config/schema.js';
import type { Ticket } from '../tickets/types.js';
import { redactForPublic } from './redact.js';

/** Whether the ticket may appear on public pages at all. */
export function isPublishable(t: Pick<Ticket, 'confidential' | 'category'>, cfg: PromptConfig): boolean {
  if (t.confidential) return false;
  const category = cfg.categories.find((c) => c.id === t.category);
  // A category no longer configured is treated as private: nobody decided it may be public.
  return category?.public === true;
}

/** The ticket's words as the public may read them, or null when the city publishes no descriptions. */
export function publicDescription(t: Pick<Ticket, 'description'>, cfg: PromptConfig): string | null {
  return cfg.city.publish.descriptions === 'none' ? null : redactForPublic(t.description);
}

/** Street, RT/RW, kelurahan and kecamatan, with house numbers and contacts hidden. */
export function publicAddress(t: Pick<Ticket, 'locationText' | 'rt' | 'rw' | 'kelurahan' | 'kecamatan'>): string | null {
  const address = [t.locationText ? redactForPublic(t.locationText) : null, t.rt ? `RT ${t.rt}` : null, t.rw ? `RW ${t.rw}` : null,
    t.kelurahan, t.kecamatan && `Kec. ${t.kecamatan}`].filter(Boolean).join(', ');
  return address || null;
}
