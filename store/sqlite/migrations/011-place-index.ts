/**
 * The place index of the duplicate check. Version 11.
 *
 * At confirmation the duplicate check needs the open tickets of a category
 * at the same place. Reading every open ticket of the category and comparing
 * place names in JavaScript cost time in proportion to the open tickets (and
 * stopped at the newest 300, so in a busy city an older report of the same
 * place was missed). Now each ticket's place terms (the words of its place
 * names, computed by core/routing/duplicates.ts placeTerms) are rows here and
 * the check reads only the tickets under the new complaint's terms, plus
 * pinned tickets inside a box around its pin.
 *
 * The empty term '' marks a ticket as indexed, so a place without any name
 * of its own is not indexed again at every start; tickets filed before this
 * version are indexed at start-up (TicketService.indexPlaces). A final
 * ticket (ditutup, ditolak, dibatalkan) can never be a duplicate again: its
 * rows go with its last state change, so the index holds only tickets that
 * are open or resolved (a resolved one can be reopened). A place text
 * erased for privacy takes its terms with it.
 */
import type { Migration } from '../migrations.js';

export const PLACE_INDEX_MIGRATION: Migration = {
  version: 11,
  name: 'place index for the duplicate check',
  sql: `
    CREATE TABLE ticket_place_terms (
      term TEXT NOT NULL,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id),
      PRIMARY KEY (term, ticket_id)
    );
    CREATE INDEX ticket_place_terms_ticket ON ticket_place_terms (ticket_id);
    CREATE INDEX tickets_open_pins ON tickets (category, latitude)
      WHERE latitude IS NOT NULL AND state IN ('baru','diteruskan','diproses');
    CREATE TRIGGER ticket_place_terms_final AFTER UPDATE OF state ON tickets
      WHEN NEW.state IN ('ditutup','ditolak','dibatalkan')
      BEGIN DELETE FROM ticket_place_terms WHERE ticket_id = NEW.id; END;
    CREATE TRIGGER ticket_place_terms_erased AFTER UPDATE OF location_text ON tickets
      WHEN NEW.location_text IS NULL
      BEGIN DELETE FROM ticket_place_terms WHERE ticket_id = NEW.id AND term <> ''; END;
  `,
};
