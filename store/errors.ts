/**
 * Which failures mean "the database cannot take a write right now" (locked,
 * disk full, read-only, I/O error, the PostgreSQL server down or restarting)
 * as opposed to a bug. A channel adapter refuses the incoming message on
 * these, so the channel redelivers it later.
 */

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOLFS)/;
const FS_UNAVAILABLE = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);

/** The PostgreSQL server cannot be reached, or the connection to it broke. */
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN', 'ENOTCONN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 connection exception, class 53 insufficient
 * resources (53100 disk full, 53300 too many connections), 57P01 admin
 * shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up,
 * recovering), 25006 read-only transaction (a standby, or read-only mode),
 * 55P03 lock not available (lock_timeout passed: PostgreSQL's SQLITE_BUSY).
 */
const PG_UNAVAILABLE = /^(08[0-9A-Z]{3}|53[0-9A-Z]{3}|57P0[123]|25006|55P03)$/;

/** Errors node-postgres raises itself, without a code, when its connection is gone. */
const PG_CLIENT_UNAVAILABLE = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function unavailable(e: object): boolean {
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE.test(code) || FS_UNAVAILABLE.has(code) || NET_UNAVAILABLE.has(code) || PG_UNAVAILABLE.test(code))) {
    return true;
  }
  const message = (e as { message?: unknown }).message;
  return typeof message === 'string' && PG_CLIENT_UNAVAILABLE.test(message);
}

/** True for an SQLite, PostgreSQL or file-system error that a later retry may not hit (the cause is outside the code). */
export function isStorageUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== 'object') return false;
    if (unavailable(e)) return true;
    // Connecting to "localhost" tries every address; Node reports all failures together.
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner) && inner.length > 0 && inner.every((i) => i && typeof i === 'object' && unavailable(i))) return true;
  }
  return false;
}
