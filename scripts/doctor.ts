/**
 * `npm run cli -- doctor`: checks what a newcomer gets wrong before the first
 * `npm start`, each with its fix. Reads only; runs on a fresh clone (no .env,
 * no database yet). Exit code 1 when something must be fixed.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadAreaDirectory } from '../adapters/areas/idn-area.js';
import { readAreaCode, readPromptFiles } from '../adapters/prompts/files.js';
import { calendarCoverage } from '../app/calendar.js';
import { loadConfig, type AppConfig } from '../app/config.js';
import { buildPromptConfig, formatIssues } from '../core/config/validate.js';
import { locationOf } from '../store/postgres/database.js';
import { probePostgres } from '../store/postgres/probe.js';
import { listBackups } from '../store/sqlite/backup.js';
import { sqliteLibraryVersion } from '../store/sqlite/database.js';

type Level = 'ok' | 'warn' | 'fail' | 'skip';
interface Check { name: string; level: Level; detail: string; fix?: string }

const MARK: Record<Level, string> = { ok: '✔', warn: '!', fail: '✘', skip: '-' };

function which(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function nodeVersion(): Check {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const ok = (major === 20 && minor >= 9) || (major > 20 && major < 25);
  return { name: 'Node.js', level: ok ? 'ok' : 'fail', detail: `v${process.versions.node} (needs >=20.9 <25)`, fix: 'install Node 20 or 22 LTS (https://nodejs.org or apt-get install nodejs from NodeSource)' };
}

async function sqliteModule(): Promise<Check> {
  try {
    const v = sqliteLibraryVersion();
    return { name: 'better-sqlite3', level: 'ok', detail: `native module loads (SQLite ${v})` };
  } catch (err) {
    const tools = ['make', 'g++', 'python3'].filter((t) => !which(t));
    return {
      name: 'better-sqlite3', level: 'fail', detail: `native module does not load: ${(err as Error).message.split('\n')[0]}`,
      fix: `${tools.length ? `install build tools (apt-get install build-essential python3; missing: ${tools.join(', ')}), then ` : ''}run npm rebuild better-sqlite3`,
    };
  }
}

/** DATABASE_URL: reachable from here, and a schema this build can run on (read only: nothing is migrated). */
async function postgres(url: string): Promise<Check> {
  const name = 'PostgreSQL';
  try {
    const p = await probePostgres(url);
    const where = `${p.location} reachable (PostgreSQL ${p.server})`;
    if (p.schema === null) return { name, level: 'ok', detail: `${where}; the database is empty and is migrated at the first start` };
    if (p.schema > p.known) {
      return { name, level: 'fail', detail: `${where}, but its schema version ${p.schema} is newer than this build's ${p.known}`,
        fix: 'run the SuaraWarga version that wrote this database (or a newer one), never an older one' };
    }
    return { name, level: 'ok', detail: `${where}, schema version ${p.schema}${p.schema < p.known ? ` (upgraded to ${p.known} at the next start)` : ''}` };
  } catch (err) {
    return { name, level: 'fail', detail: `cannot use ${locationOf(url)}: ${(err as Error).message}`,
      fix: 'check DATABASE_URL (postgres://user:password@host:5432/database), that the server runs, that pg_hba.conf lets this host in, and the password (docs/postgresql.md)' };
  }
}

async function database(config: AppConfig): Promise<Check[]> {
  // Photos and backups stay on this server's disk with PostgreSQL too.
  if (config.DATABASE_URL) return [await postgres(config.DATABASE_URL), ...diskAndBackups(config, existingAncestor(resolve(config.MEDIA_DIR)))];
  const dir = dirname(resolve(config.DATABASE_PATH));
  const out: Check[] = [];
  try {
    mkdirSync(dir, { recursive: true });
    const probe = resolve(dir, `.doctor-${process.pid}`);
    writeFileSync(probe, 'ok');
    rmSync(probe);
    out.push({ name: 'database folder', level: 'ok', detail: `${dir} is writable${existsSync(config.DATABASE_PATH) ? '' : ' (the database is created at the first start)'}` });
  } catch (err) {
    out.push({ name: 'database folder', level: 'fail', detail: `${dir} is not writable: ${(err as Error).message}`, fix: `chown the folder to the service user (sudo chown -R suarawarga: ${dir}) or set DATABASE_PATH` });
    return out;
  }
  return [...out, ...diskAndBackups(config, dir)];
}

/** The nearest folder of a path that exists already (a fresh clone has no data/ yet). */
function existingAncestor(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

function diskAndBackups(config: AppConfig, dir: string): Check[] {
  const out: Check[] = [];
  const fs = statfsSync(dir);
  const freeMb = Math.floor((fs.bavail * fs.bsize) / 1024 / 1024);
  out.push({ name: 'free disk space', level: freeMb >= config.DISK_MIN_FREE_MB ? 'ok' : 'fail', detail: `${freeMb} MB free in ${dir} (minimum DISK_MIN_FREE_MB=${config.DISK_MIN_FREE_MB})`, fix: 'free space or move DATABASE_PATH, MEDIA_DIR and BACKUP_DIR to a bigger disk' });
  const last = listBackups(config.BACKUP_DIR)[0];
  out.push(config.BACKUP_EVERY_HOURS === 0
    ? { name: 'backups', level: 'warn', detail: 'scheduled backups are off (BACKUP_EVERY_HOURS=0)', fix: 'set BACKUP_EVERY_HOURS=24, or run npm run cli -- backup FILE from cron' }
    : { name: 'backups', level: 'ok', detail: last ? `last scheduled backup ${last.at.toISOString()} (${last.bytes} bytes) in ${config.BACKUP_DIR}` : `every ${config.BACKUP_EVERY_HOURS} h into ${config.BACKUP_DIR} (none yet)` });
  return out;
}

function prompts(config: AppConfig): Check[] {
  try {
    const result = buildPromptConfig(readPromptFiles(config.PROMPTS_DIR), loadAreaDirectory(readAreaCode(config.PROMPTS_DIR)));
    if (!result.ok) return [{ name: 'prompts', level: 'fail', detail: `${result.issues.length} problem(s):\n${formatIssues(result.issues)}`, fix: `fix the files in ${config.PROMPTS_DIR} (npm run cli -- prompts check)` }];
    const cal = calendarCoverage(result.config, new Date());
    return [
      { name: 'prompts', level: 'ok', detail: `${config.PROMPTS_DIR} is valid (${result.config.city.name}, ${result.config.categories.length} categories)` },
      { name: 'holiday calendar', level: cal.warning ? 'warn' : 'ok', detail: cal.warning ?? `covers service levels until ${cal.lastHoliday} (${cal.daysLeft} days)`, fix: `add next year's holidays to ${config.PROMPTS_DIR}/city.yaml` },
    ];
  } catch (err) {
    return [{ name: 'prompts', level: 'fail', detail: (err as Error).message, fix: `check PROMPTS_DIR (${config.PROMPTS_DIR}); a fresh clone has it at prompts/` }];
  }
}

function channels(config: AppConfig): Check[] {
  const out: Check[] = [];
  out.push(config.TELEGRAM_BOT_TOKEN
    ? { name: 'Telegram', level: 'ok', detail: 'TELEGRAM_BOT_TOKEN is set' }
    : { name: 'Telegram', level: 'warn', detail: 'off: no citizen bot and no agency desks', fix: 'create a bot with @BotFather and set TELEGRAM_BOT_TOKEN in .env (README "Telegram")' });
  if (config.WHATSAPP_ENABLED) {
    let ok = false;
    try {
      accessSync(config.PUPPETEER_EXECUTABLE_PATH, constants.X_OK);
      ok = true;
    } catch { /* reported below */ }
    out.push({ name: 'Chromium (WhatsApp pilot)', level: ok ? 'ok' : 'fail', detail: `${config.PUPPETEER_EXECUTABLE_PATH} ${ok ? 'is executable' : 'is missing'}`, fix: 'apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH' });
  } else {
    out.push({ name: 'WhatsApp', level: 'skip', detail: 'off (WHATSAPP_ENABLED=false)' });
  }
  if (config.CLASSIFIER !== 'offline') {
    out.push({ name: 'LLM classifier', level: config.OPENAI_API_KEY || config.OPENAI_BASE_URL ? 'ok' : 'fail', detail: `CLASSIFIER=${config.CLASSIFIER}`, fix: 'set OPENAI_API_KEY (or OPENAI_BASE_URL for Ollama), or CLASSIFIER=offline' });
  }
  return out;
}

async function publicUrl(config: AppConfig): Promise<Check> {
  if (!config.PUBLIC_URL) return { name: 'public URL', level: 'skip', detail: 'PUBLIC_URL not set (webhooks and the dashboard are not checked from outside)' };
  const url = `${config.PUBLIC_URL.replace(/\/+$/, '')}/healthz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { name: 'public URL', level: res.ok ? 'ok' : 'fail', detail: `${url} answered ${res.status}`, fix: 'check the reverse proxy (deploy/nginx.conf or deploy/Caddyfile) forwards to HOST:PORT and that the service runs' };
  } catch (err) {
    return { name: 'public URL', level: 'fail', detail: `${url} unreachable: ${(err as Error).message}`, fix: 'check DNS, the firewall (ports 80/443), the TLS certificate and the reverse proxy' };
  }
}

function clock(config: AppConfig, cityOffset: number | undefined): Check[] {
  const now = new Date();
  const out: Check[] = [];
  out.push({ name: 'clock', level: now.getFullYear() >= 2025 ? 'ok' : 'fail', detail: `system time ${now.toISOString()}`, fix: 'set the clock and enable NTP: timedatectl set-ntp true' });
  try {
    const sync = execFileSync('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    out.push({ name: 'NTP', level: sync === 'yes' ? 'ok' : 'warn', detail: `synchronized: ${sync}`, fix: 'timedatectl set-ntp true (service levels and reminders depend on the time)' });
  } catch {
    out.push({ name: 'NTP', level: 'skip', detail: 'timedatectl not available (a container uses the host clock)' });
  }
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  out.push({ name: 'timezone', level: 'ok', detail: `server ${tz} (UTC${-now.getTimezoneOffset() / 60 >= 0 ? '+' : ''}${-now.getTimezoneOffset() / 60}); the city's times use timezone_offset_hours=${cityOffset ?? '?'} from prompts/city.yaml, so the server timezone does not matter` });
  void config;
  return out;
}

/** Runs every check and prints it; returns the exit code. */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const checks: Check[] = [nodeVersion(), await sqliteModule()];
  let config: AppConfig | undefined;
  try {
    config = loadConfig(env);
    checks.push({ name: 'configuration', level: 'ok', detail: existsSync('.env') ? 'environment valid (.env present)' : 'environment valid (defaults; copy .env.example to .env to change them)' });
  } catch (err) {
    checks.push({ name: 'configuration', level: 'fail', detail: (err as Error).message, fix: 'correct the variable in .env (every variable is explained in .env.example)' });
  }
  if (config) {
    checks.push(...(await database(config)), ...prompts(config), ...channels(config), await publicUrl(config));
    let offset: number | undefined;
    try {
      offset = Number(/timezone_offset_hours:\s*(-?\d+(?:\.\d+)?)/.exec(readFileSync(resolve(config.PROMPTS_DIR, 'city.yaml'), 'utf8'))?.[1]);
    } catch { /* prompts check reports it */ }
    checks.push(...clock(config, offset));
  }
  for (const c of checks) {
    print(`${MARK[c.level]} ${c.name}: ${c.detail}`);
    if (c.fix && (c.level === 'fail' || c.level === 'warn')) print(`    fix: ${c.fix}`);
  }
  const failed = checks.filter((c) => c.level === 'fail').length;
  const warned = checks.filter((c) => c.level === 'warn').length;
  print(failed ? `doctor: ${failed} problem(s) to fix, ${warned} warning(s)` : `doctor: ready to start (${warned} warning(s))`);
  return failed ? 1 : 0;
}
