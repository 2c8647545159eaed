/**
 * The file-system half of erasure and retention: the store says which photo
 * files to remove, this deletes them, and only inside MEDIA_DIR (a path from
 * the database can never make it delete anything else).
 */
import { rmSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import type { RemovalResult } from '../core/privacy/ports.js';
import type { Clock, Logger } from '../core/ports.js';
import type { DatabaseStore } from '../store/index.js';

/** A remover for photo paths as stored (absolute, or relative to the working folder or MEDIA_DIR). */
export function mediaRemover(mediaDir: string, logger: Logger): (paths: string[]) => void {
  const base = resolve(mediaDir);
  const inside = (p: string) => p.startsWith(base + sep);
  return (paths) => {
    for (const p of paths) {
      const candidates = isAbsolute(p) ? [p] : [resolve(p), resolve(base, p)];
      const file = candidates.find(inside);
      if (!file) {
        logger.warn({ path: p, mediaDir: base }, 'privacy: a photo path outside MEDIA_DIR was not deleted');
        continue;
      }
      rmSync(file, { force: true });
    }
  };
}

/** Removes message texts and photos of tickets closed more than `days` days ago. */
export async function runRetention(store: DatabaseStore, days: number, clock: Clock, removeFiles: (paths: string[]) => void): Promise<RemovalResult> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  const result = await store.transaction(() => store.privacy.applyRetention(cutoff, now.toISOString()));
  removeFiles(result.files);
  return result;
}
