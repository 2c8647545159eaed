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
import type { ThrottleState } from '../core/staff/accounts.js';
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
      const u = users.byName(cleanLoginName(name));
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

/** Zero-width and invisible characters a pasted or crafted name may carry. */
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F]/g;

/** The name as an account is looked up: NFKC, invisible and control characters removed, trimmed. */
export function cleanLoginName(name: string): string {
  return name.normalize('NFKC').replace(INVISIBLE, '').replace(CONTROL, '').trim();
}

/** The throttle key of a name: " admin", "ADMIN\t", "\ufeffadmin" and "ａｄｍｉｎ" are all "admin". */
export function normalizeLoginName(name: string): string {
  return cleanLoginName(name).toLowerCase();
}

/** One IPv6 customer usually holds a whole /64: throttle the prefix, not each address. */
export function clientKey(address: string): string {
  const a = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (!a.includes(':')) return a;
  const [head = '', tail = ''] = a.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = a.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}


/** The throttle's storage port: survives restarts, shared by every process on the database. */
export type { ThrottleState } from '../core/staff/accounts.js';

export interface LoginThrottleRepo {
  get(key: string): Promise<ThrottleState | undefined>;
  put(key: string, state: ThrottleState): Promise<void>;
  remove(key: string): Promise<void>;
  /** Forgets keys whose last failure is older than `before`. */
  prune(before: string): Promise<void>;
}

export interface ThrottlePolicy {
  /** Failures allowed before any delay. */
  free: number;
  /** First delay; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
}

/**
 * A name may be guessed by strangers, so its delay stays short (the real admin
 * waits minutes at most, never a lockout); one client guessing many names waits longer.
 */
export const NAME_POLICY: ThrottlePolicy = { free: 5, baseMs: 30_000, maxMs: 5 * 60_000 };
export const CLIENT_POLICY: ThrottlePolicy = { free: 10, baseMs: 30_000, maxMs: 15 * 60_000 };
/** Failures older than this are forgiven. */
const FORGET_MS = 24 * 3_600_000;

/**
 * Growing delays after failed logins, keyed by the normalised name and by the
 * client address, persisted in SQLite. While a key waits, attempts are refused
 * without checking the password.
 */
export function createLoginThrottle(repo: LoginThrottleRepo, now: () => Date = () => new Date(),
  policies: { name: ThrottlePolicy; client: ThrottlePolicy } = { name: NAME_POLICY, client: CLIENT_POLICY }) {
  const keys = (name: string, client: string) => [
    { key: `name:${normalizeLoginName(name)}`, policy: policies.name },
    { key: `client:${clientKey(client)}`, policy: policies.client },
  ];
  let failuresSincePrune = 0;
  return {
    /** Milliseconds until this name from this client may try again (0: now). */
    waitMs(name: string, client: string): number {
      const t = now().getTime();
      return Math.max(0, ...keys(name, client).map(({ key }) => {
        const s = repo.get(key);
        return s ? Date.parse(s.nextAllowedAt) - t : 0;
      }));
    },
    fail(name: string, client: string): void {
      const at = now();
      if (failuresSincePrune++ % 100 === 0) repo.prune(new Date(at.getTime() - FORGET_MS).toISOString());
      for (const { key, policy } of keys(name, client)) {
        const failures = (repo.get(key)?.failures ?? 0) + 1;
        const delay = failures <= policy.free ? 0 : Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, failures - policy.free - 1));
        repo.put(key, { failures, lastFailureAt: at.toISOString(), nextAllowedAt: new Date(at.getTime() + delay).toISOString() });
      }
    },
    succeed(name: string, client: string): void {
      for (const { key } of keys(name, client)) repo.remove(key);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
