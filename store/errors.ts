/**
 * Which failures mean "the database cannot take a write right now" (locked,
 * disk full, read-only, I/O error) as opposed to a bug. A channel adapter
 * refuses the incoming message on these, so the channel redelivers it later.
 */

const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|READONLY|IOERR|CANTOPEN|PROTOCOL|NOLFS)/;
const FS_UNAVAILABLE = new Set(['ENOSPC', 'EROFS', 'EDQUOT', 'EIO']);

/** True for an SQLite or file-system error that a later retry may not hit (the cause is outside the code). */
export function isStorageUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE.test(code) || FS_UNAVAILABLE.has(code))) return true;
  }
  return false;
}
