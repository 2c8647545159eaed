/**
 * Wires the command centre's ports (web/ports.ts) to the store (SQLite or
 * PostgreSQL): the one place where the web adapter meets the store.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppLogger } from '../adapters/logging/logger.js';
import type { AreaDirectory } from '../core/config/area.js';
import { parseAreaPositions, type AreaPositionTable } from '../core/config/area-positions.js';
import { formatIssues } from '../core/config/validate.js';
import type { DatabaseStore } from '../store/index.js';
import { redactForPublic } from '../core/privacy/redact.js';
import type { Redactor, WebPorts } from '../web/ports.js';

/** Reads prompts/areas.yaml when present; a refused file is logged and the map uses learned positions only. */
function loadAreaPositions(opts: WebPortOptions): AreaPositionTable {
  const path = join(opts.promptsDir, 'areas.yaml');
  if (!existsSync(path)) return new Map();
  const r = parseAreaPositions(readFileSync(path, 'utf8'), opts.areas);
  if (r.ok) return r.positions;
  opts.logger.error({ issues: formatIssues(r.issues) }, 'prompts/areas.yaml refused; fix it (the map places tickets from citizens\' pins meanwhile)');
  return new Map();
}

/** Where the optional files live and who hears about a bad one. */
export interface WebPortOptions { promptsDir: string; areas: AreaDirectory; logger: AppLogger }

/** Builds every web port on the app's store. */
export function createWebPorts(store: DatabaseStore, opts: WebPortOptions, redact: Redactor = redactForPublic): WebPorts {
  const positions = loadAreaPositions(opts);
  return {
    areaPositions: () => positions,
    users: store.webUsers,
    board: store.board,
    events: store.eventLog,
    redact,
    loginThrottle: store.loginThrottle,
  };
}
