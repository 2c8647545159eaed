/**
 * Type helpers shared by both store implementations. The SQLite repositories
 * are written synchronously (better-sqlite3 is synchronous and fastest that
 * way) and wrapped once into the promise-returning ports; PostgreSQL
 * implements the ports directly.
 */

/** The synchronous form of a promise-returning port: what an SQLite repository implements. */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : T[K];
};

/** The promise-returning form of a synchronous repository. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : T[K];
};
