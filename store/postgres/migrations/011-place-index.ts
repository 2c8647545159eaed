/**
 * Version 11 for PostgreSQL, the counterpart of
 * store/sqlite/migrations/011-place-index.ts (read there why).
 */
import { T, type PgMigration } from './common.js';

export const PLACE_INDEX_MIGRATION: PgMigration = {
  version: 11,
  name: 'place index for the duplicate check',
  sql: `
    CREATE TABLE ticket_place_terms (
      term ${T} NOT NULL,
      ticket_id bigint NOT NULL REFERENCES tickets(id),
      PRIMARY KEY (term, ticket_id)
    );
    CREATE INDEX ticket_place_terms_ticket ON ticket_place_terms (ticket_id);
    CREATE INDEX tickets_open_pins ON tickets (category, latitude)
      WHERE latitude IS NOT NULL AND state IN ('baru','diteruskan','diproses');
    CREATE FUNCTION ticket_place_terms_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ticket_place_terms WHERE ticket_id = NEW.id;
        RETURN NULL;
      END $$;
    CREATE TRIGGER ticket_place_terms_final AFTER UPDATE OF state ON tickets
      FOR EACH ROW WHEN (NEW.state IN ('ditutup','ditolak','dibatalkan')) EXECUTE FUNCTION ticket_place_terms_final();
    CREATE FUNCTION ticket_place_terms_erased() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM ticket_place_terms WHERE ticket_id = NEW.id AND term <> '';
        RETURN NULL;
      END $$;
    CREATE TRIGGER ticket_place_terms_erased AFTER UPDATE OF location_text ON tickets
      FOR EACH ROW WHEN (NEW.location_text IS NULL) EXECUTE FUNCTION ticket_place_terms_erased();
  `,
};
