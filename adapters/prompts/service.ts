/**
 * Keeps the running configuration: loads prompts/, validates every change,
 * swaps good ones in atomically, keeps the last good one when an edit is bad,
 * and records every applied version (time, author, hash, diff) for history and
 * rollback. The CLI, the hot reloader and the web editor all go through here.
 */
import { watch, type FSWatcher } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import type { AreaDirectory } from '../../core/config/area.js';
import type { PromptConfig } from '../../core/config/schema.js';
import { formatIssues, hashPromptFiles, type ConfigIssue } from '../../core/config/validate.js';
import type { Clock, Logger, PromptVersion, PromptVersionRepo } from '../../core/ports.js';
import { PROMPT_FILE_NAMES, readPromptFiles, writePromptFiles } from './files.js';
import { buildBounded } from './limits.js';

export type ApplyResult =
  | { ok: true; changed: boolean; version?: PromptVersion; config: PromptConfig }
  | { ok: false; issues: ConfigIssue[]; message: string };

export interface PromptsServiceOptions {
  dir: string;
  areas: AreaDirectory;
  versions: PromptVersionRepo;
  clock: Clock;
  logger: Logger;
  /**
   * Several instances share the database (PostgreSQL): the newest stored version is the configuration, also
   * at start-up, whatever this instance's prompts/ folder holds; edits reach the other instances through sync().
   */
  shared?: boolean;
}

export class PromptsError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`The configuration in prompts/ is not valid:\n${formatIssues(issues)}`);
    this.name = 'PromptsError';
  }
}

/** Unified diff of every file that changed between two versions. */
export function diffFiles(before: Record<string, string | undefined>, after: Record<string, string | undefined>): string {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((n) => (before[n] ?? '') !== (after[n] ?? ''))
    .map((n) => createTwoFilesPatch(`a/${n}`, `b/${n}`, before[n] ?? '', after[n] ?? '', '', '', { context: 2 }))
    .join('\n');
}

export async function createPromptsService(opts: PromptsServiceOptions) {
  const { dir, areas, versions, clock, logger } = opts;
  const changeListeners: ((c: PromptConfig, v: PromptVersion | undefined) => void)[] = [];
  const errorListeners: ((message: string) => void)[] = [];
  let watcher: FSWatcher | undefined;
  let debounce: NodeJS.Timeout | undefined;

  const initial = readPromptFiles(dir);
  const first = buildBounded(initial, areas);
  let current: PromptConfig;
  let currentFiles: Record<string, string | undefined>;
  /** Why the service started on a stored version instead of the files on disk. */
  let startupProblem: string | undefined;
  /** The newest stored version this instance has seen (sync() adopts only a newer one). */
  let seenVersion: number | undefined;
  const newest = opts.shared ? await versions.latest() : undefined;
  const adopted = newest && newest.hash !== hashPromptFiles(initial) ? buildBounded({ ...initial, ...newest.files }, areas) : undefined;
  if (newest && adopted?.ok) {
    current = adopted.config;
    currentFiles = { ...initial, ...newest.files };
    logger.info({ version: newest.id, appliedAt: newest.appliedAt },
      'prompts: running the newest version stored in the shared database; this instance\'s prompts/ folder differs and is not used (edit in the command centre, or on the leader\'s disk)');
  } else if (first.ok) {
    current = first.config;
    currentFiles = initial;
    await recordIfNew(initial, 'startup');
  } else {
    // A refused edit on disk must not keep the service down: run the last version that was good.
    const latest = await versions.latest();
    // A version stored before a prompts file existed (words.yaml came later) takes that file from disk.
    const storedFiles = latest ? { ...initial, ...latest.files } : undefined;
    const stored = storedFiles ? buildBounded(storedFiles, areas) : undefined;
    if (!latest || !storedFiles || !stored?.ok) throw new PromptsError(first.issues);
    current = stored.config;
    currentFiles = storedFiles;
    startupProblem = formatIssues(first.issues);
    logger.error({ issues: first.issues, version: latest.id },
      `PROMPTS ON DISK ARE INVALID: started on stored version ${latest.id} (${latest.appliedAt}) instead. Fix the files (npm run cli -- prompts check) or roll back (npm run cli -- prompts rollback ${latest.id}):\n${startupProblem}`);
  }

  seenVersion = (await versions.latest())?.id;

  async function recordIfNew(files: Record<string, string | undefined>, author: string | null): Promise<PromptVersion | undefined> {
    const latest = await versions.latest();
    const hash = hashPromptFiles(files);
    if (latest?.hash === hash) return undefined;
    const clean = Object.fromEntries(Object.entries(files).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const inserted = await versions.insert({ appliedAt: clock.now().toISOString(), author, hash, files: clean, diff: diffFiles(latest?.files ?? {}, files) });
    seenVersion = inserted.id;
    return inserted;
  }

  /** Validates a full or partial set of files; nothing is changed. */
  function check(changes: Record<string, string | undefined>) {
    return buildBounded({ ...currentFiles, ...changes }, areas);
  }

  /** Validates and, if good, swaps the configuration in; writes files to disk when `write` is set (web editor, rollback). */
  async function apply(changes: Record<string, string | undefined>, author: string | null, write: boolean): Promise<ApplyResult> {
    const unknown = Object.keys(changes).filter((n) => !PROMPT_FILE_NAMES.includes(n));
    if (unknown.length) {
      const issues = unknown.map((file) => ({ file, path: '', message: `not a prompts file; expected one of ${PROMPT_FILE_NAMES.join(', ')}` }));
      return { ok: false, issues, message: formatIssues(issues) };
    }
    const files = { ...currentFiles, ...changes };
    const result = buildBounded(files, areas);
    if (!result.ok) return { ok: false, issues: result.issues, message: formatIssues(result.issues) };
    if (result.config.hash === current.hash) return { ok: true, changed: false, config: current };
    if (write) writePromptFiles(dir, changes);
    current = result.config;
    currentFiles = files;
    const version = await recordIfNew(files, author);
    logger.info({ hash: current.hash, version: version?.id, author }, 'prompts configuration applied');
    for (const l of changeListeners) l(current, version);
    return { ok: true, changed: true, ...(version ? { version } : {}), config: current };
  }

  /** Re-reads prompts/ after an edit on disk; a bad edit keeps the last good configuration. */
  async function reload(author: string | null = 'file'): Promise<ApplyResult> {
    const result = await apply(readPromptFiles(dir), author, false);
    if (!result.ok) {
      logger.error({ issues: result.issues }, `prompts edit refused; the previous configuration keeps running:\n${result.message}`);
      for (const l of errorListeners) l(result.message);
    }
    return result;
  }

  return {
    current: () => current,
    /** Set when the files on disk were invalid at start-up and a stored version runs instead. */
    startupProblem: () => startupProblem,
    files: () => ({ ...currentFiles }),
    check,
    apply: async (changes: Record<string, string | undefined>, author: string | null) => await apply(changes, author, true),
    reload,
    /**
     * Adopts the newest stored version when another instance applied it (several instances on one database).
     * Returns true when the configuration changed.
     */
    async sync(): Promise<boolean> {
      const v = await versions.latest();
      if (!v || v.id === seenVersion) return false;
      seenVersion = v.id;
      if (v.hash === hashPromptFiles(currentFiles)) return false;
      const files = { ...currentFiles, ...v.files };
      const result = buildBounded(files, areas);
      if (!result.ok) {
        logger.error({ version: v.id, issues: result.issues }, 'prompts: a stored version does not validate on this instance (a different build?); keeping the running configuration');
        return false;
      }
      current = result.config;
      currentFiles = files;
      logger.info({ version: v.id, author: v.author }, 'prompts: applied the version another instance stored');
      for (const l of changeListeners) l(current, v);
      return true;
    },
    history: async (limit = 50) => await versions.list(limit),
    version: async (id: number) => await versions.get(id),
    /** Restores an earlier version's files (a new version is recorded, so a rollback can itself be undone). */
    async rollback(id: number, author: string | null): Promise<ApplyResult> {
      const v = await versions.get(id);
      if (!v) {
        const issues = [{ file: '', path: '', message: `no version ${id}; see npm run cli -- prompts history` }];
        return { ok: false, issues, message: issues[0]!.message };
      }
      return apply(v.files, author ? `${author} (rollback to ${id})` : `rollback to ${id}`, true);
    },
    onChange: (l: (c: PromptConfig, v: PromptVersion | undefined) => void) => void changeListeners.push(l),
    onError: (l: (message: string) => void) => void errorListeners.push(l),
    /** Watches prompts/ and reloads after edits settle (editors write in several steps). */
    watch(debounceMs = 250): void {
      if (watcher) return;
      watcher = watch(dir, () => {
        clearTimeout(debounce);
        debounce = setTimeout(async () => await reload('file'), debounceMs);
      });
      watcher.on('error', (err) => logger.error({ err, dir }, 'watching prompts/ failed; edits need a restart or `npm run cli -- prompts check`'));
    },
    close(): void {
      clearTimeout(debounce);
      watcher?.close();
      watcher = undefined;
    },
  };
}

export type PromptsService = Awaited<ReturnType<typeof createPromptsService>>;
