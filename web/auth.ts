/**
 * Passwords, sessions and CSRF for the command centre.
 *
 * Passwords: scrypt (node:crypto) with a random salt, stored as
 * `scrypt$N$r$p$salt$hash`, compared in constant time. Sessions: a random
 * 32-byte token in an HttpOnly, SameSite=Lax cookie (Secure when
 * COOKIE_SECURE=true); the database keeps only its SHA-256. Every session has
 * its own CSRF token, required on every state-changing request.
 */
import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { WebUserRepo, WebSession, WebUser } from './ports.js';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export const MIN_PASSWORD_LENGTH = 10;

/** Hashes a password for storage. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEYLEN, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Checks a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(hashB64, 'base64');
  const key = await scrypt(password.normalize('NFKC'), Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024,
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of something that never verifies, so an unknown user costs as much time as a wrong password. */
let dummyHash: string | undefined;
async function dummy(): Promise<string> {
  dummyHash ??= await hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

export const SESSION_COOKIE = 'sw_session';
/** Idle sessions end after this long; each request extends it. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Sessions {
  /** Verifies name and password; returns a new session token, or undefined (same answer for unknown name and wrong password). */
  login(name: string, password: string): Promise<{ token: string; user: WebUser } | undefined>;
  /** The session behind a cookie value, extending it. */
  resume(token: string | undefined): WebSession | undefined;
  logout(token: string | undefined): void;
}

export function createSessions(users: WebUserRepo, now: () => Date): Sessions {
  return {
    async login(name, password) {
      const u = users.byName(name.trim());
      if (!u) {
        await verifyPassword(password, await dummy());
        return undefined;
      }
      if (!(await verifyPassword(password, u.passwordHash)) || u.disabled) return undefined;
      const token = randomBytes(32).toString('base64url');
      const at = now();
      users.createSession(tokenHash(token), u.id, randomBytes(24).toString('base64url'), at.toISOString(),
        new Date(at.getTime() + SESSION_IDLE_MS).toISOString());
      const { passwordHash: _ignored, ...user } = u;
      return { token, user };
    },
    resume(token) {
      if (!token || token.length > 200) return undefined;
      const h = tokenHash(token);
      const at = now();
      const s = users.session(h, at.toISOString());
      if (s) users.touchSession(h, new Date(at.getTime() + SESSION_IDLE_MS).toISOString());
      return s;
    },
    logout(token) {
      if (token) users.deleteSession(tokenHash(token));
    },
  };
}

/** Counts failed logins per key (user name and client) and refuses more than `max` within `windowMs`. */
export function createLoginThrottle(max = 8, windowMs = 15 * 60 * 1000) {
  const failures = new Map<string, number[]>();
  const recent = (key: string, t: number) => (failures.get(key) ?? []).filter((x) => t - x < windowMs);
  return {
    blocked: (key: string, t = Date.now()) => recent(key, t).length >= max,
    fail(key: string, t = Date.now()) {
      failures.set(key, [...recent(key, t), t]);
      if (failures.size > 10_000) failures.clear();
    },
    reset: (key: string) => void failures.delete(key),
  };
}
