/**
 * `npm run cli -- <command>`: the admin's command line. Works against the same
 * database and prompts/ as the running service; changes it makes are delivered
 * by the service's outbox (run `npm start`).
 */
import { loadAreaDirectory } from '../adapters/areas/idn-area.js';
import { readAreaCode, readPromptFiles } from '../adapters/prompts/files.js';
import { buildBounded } from '../adapters/prompts/limits.js';
import { buildApp, type App } from '../app/build.js';
import { ConfigError, loadConfig, type AppConfig } from '../app/config.js';
import { agencyName, categoryLabel, localTime } from '../core/config/texts.js';
import { formatIssues } from '../core/config/validate.js';
import { routeComplaint } from '../core/routing/router.js';
import { TICKET_ACTIONS, type TicketAction } from '../core/tickets/states.js';
import { TICKET_STATES, type TicketState } from '../core/tickets/types.js';
import { PRIVACY_HELP, runPrivacyCommand } from './privacy-cli.js';

const HELP = `SuaraWarga admin CLI

  npm run cli -- prompts check                 validate prompts/ without starting anything
  npm run cli -- prompts history               applied configuration versions
  npm run cli -- prompts show <versi>          one version's diff
  npm run cli -- prompts rollback <versi>      restore a version (recorded as a new version)
  npm run cli -- route "<pesan warga>"         dry run: classification, matched rule, agency

  npm run cli -- tickets [--state S] [--agency KODE] [--limit N]
  npm run cli -- ticket <nomor>                one ticket with its events
  npm run cli -- act <nomor> <aksi> [--note "..."] [--agency KODE] [--as "Nama"]
        aksi: ${Object.keys(TICKET_ACTIONS).join(', ')}
  npm run cli -- reply <nomor> "<pesan ke warga>" [--as "Nama"]

  npm run cli -- reporters add --channel whatsapp|telegram --address <alamat> --name "<nama>" [--rt 03] [--rw 02] [--kelurahan X] [--kecamatan Y]
  npm run cli -- reporters list | reporters remove <id>
  npm run cli -- outbox [--status pending|failed|uncertain|skipped|sent]
  npm run cli -- users add <nama> --role admin|viewer | users list   (command-centre accounts)

  npm run cli -- backup FILE                   consistent copy of the database (+ FILE.media.tar), also while the service runs
  npm run cli -- restore FILE                  restore into DATABASE_PATH (stop the service first; the old file is kept aside)
  npm run cli -- doctor                        check Node, SQLite, disk, prompts, channels, clock, each with its fix
  npm run cli -- migrate-to-postgres [--to URL] copy DATABASE_PATH into an empty PostgreSQL (DATABASE_URL), verified by counts
${PRIVACY_HELP}`;

function flags(args: string[]): { positional: string[]; opts: Record<string, string> } {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) opts[a.slice(2)] = 'true';
      else { opts[a.slice(2)] = next; i++; }
    } else positional.push(a);
  }
  return { positional, opts };
}

class UsageError extends Error {}

const out = (line = '') => process.stdout.write(`${line}\n`);

function promptsCheck(dir: string): number {
  const files = readPromptFiles(dir);
  let areaCode: string;
  try {
    areaCode = readAreaCode(dir);
  } catch (err) {
    out((err as Error).message);
    return 1;
  }
  const result = buildBounded(files, loadAreaDirectory(areaCode));
  if (!result.ok) {
    out(`prompts/ has ${result.issues.length} problem(s):`);
    out(formatIssues(result.issues));
    return 1;
  }
  const c = result.config;
  out(`prompts/ is valid (hash ${c.hash}): ${c.city.name}, ${c.agencies.length} agencies, ${c.categories.length} categories, ${c.rules.length} routing rules, ${c.faq.length} FAQ entries`);
  return 0;
}

function route(app: App, text: string): number {
  const cfg = app.prompts.current();
  const cls = app.offline().classifySync(text);
  out(`Pesan      : ${text}`);
  out(`Normalisasi: ${cls.normalized}`);
  out(`Intent     : ${cls.intent}`);
  out(`Kategori   : ${cls.category ?? '-'}${cls.category ? ` (${categoryLabel(cfg, cls.category)})` : ''}  keyakinan ${cls.confidence.toFixed(2)}`);
  if (cls.alternatives.length) out(`Alternatif : ${cls.alternatives.slice(0, 4).map((a) => `${a.category} ${a.score.toFixed(2)}`).join(', ')}`);
  out(`Lokasi     : ${cls.location?.text ?? '-'}`);
  out(`Wilayah    : ${cls.area ? [cls.area.kelurahan && `kel. ${cls.area.kelurahan}`, cls.area.kecamatan && `kec. ${cls.area.kecamatan}`].filter(Boolean).join(', ') : '-'}`);
  if (cls.intent !== 'lapor' || !cls.category) {
    out('Rute       : - (bukan laporan baru; bot akan menjawab sesuai intent)');
    return 0;
  }
  if (cls.confidence < cfg.city.min_confidence) out(`Catatan    : keyakinan di bawah min_confidence ${cfg.city.min_confidence}: warga akan diminta memilih kategori`);
  const d = routeComplaint(cfg, { category: cls.category, confidence: cls.confidence, text: cls.normalized || text, kecamatan: cls.area?.kecamatan ?? null, kelurahan: cls.area?.kelurahan ?? null });
  if (d.kind === 'reject') {
    out(`Aturan     : ${d.rule}`);
    out(`Rute       : DITOLAK — warga menerima: ${d.message}`);
  } else {
    out(`Aturan     : ${d.rule ?? (d.kind === 'triage' ? `(triase: ${d.reason})` : '(default kategori)')}`);
    out(`Rute       : ${d.agency} — ${agencyName(cfg, d.agency)}${d.kind === 'triage' ? ' (triase, status baru)' : ' (status diteruskan)'}`);
  }
  return 0;
}

async function showTicket(app: App, number: string): Promise<number> {
  const cfg = app.prompts.current();
  const t = await app.tickets.get(number);
  out(`${t.number}  ${t.state.toUpperCase()}  ${categoryLabel(cfg, t.category)} → ${t.agency}${t.assigneeName ? ` (dipegang ${t.assigneeName})` : ''}`);
  out(`Lokasi   : ${t.locationText ?? '-'}${t.kelurahan ? `, kel. ${t.kelurahan}` : ''}${t.kecamatan ? `, kec. ${t.kecamatan}` : ''}${t.latitude !== null ? ` [${t.latitude}, ${t.longitude}]` : ''}`);
  out(`Isi      : ${t.description}`);
  out(`Dibuat   : ${localTime(cfg, t.createdAt)}   pendukung: ${(await app.store.tickets.supporters(t.id)).length}   eskalasi: ${t.escalationLevel}${t.rating ? `   nilai: ${t.rating}/5` : ''}`);
  const media = await app.store.tickets.media(t.id);
  if (media.length) out(`Foto     : ${media.map((m) => `${m.path} (${m.source})`).join(', ')}`);
  out('Riwayat:');
  for (const e of await app.store.tickets.events(t.id)) {
    const who = e.actor.type === 'citizen' ? 'warga' : `${e.actor.type}${e.actor.name ? ` ${e.actor.name}` : ''}`;
    out(`  ${localTime(cfg, e.at)}  ${e.action}${e.toState && e.toState !== e.fromState ? ` → ${e.toState}` : ''}  (${who})${e.note ? `: ${e.note}` : ''}`);
  }
  return 0;
}

/**
 * Copies the SQLite file at DATABASE_PATH into the empty PostgreSQL database at DATABASE_URL (or --to URL),
 * with every id, and checks the row counts. The service must be stopped; afterwards start it with DATABASE_URL.
 */
async function migrateToPostgres(config: AppConfig, args: string[]): Promise<number> {
  const i = args.indexOf('--to');
  const url = i >= 0 ? args[i + 1] : config.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError('usage: npm run cli -- migrate-to-postgres [--to postgres://user:pass@host:5432/db]  (or set DATABASE_URL); copies DATABASE_PATH into it');
  }
  const { copySqliteToPostgres } = await import('../store/migrate-to-postgres.js');
  out(`copying ${config.DATABASE_PATH} into PostgreSQL …`);
  const report = await copySqliteToPostgres(config.DATABASE_PATH, url, out);
  for (const t of report.tables) out(`  ${t.table.padEnd(20)} ${t.rows} rows (counts match)`);
  out(`done: ${report.tables.reduce((n, t) => n + t.rows, 0)} rows copied and verified. Set DATABASE_URL in .env and start the service; keep ${config.DATABASE_PATH} as the fallback until you are satisfied.`);
  return 0;
}

async function run(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help') {
    out(HELP);
    return cmd ? 0 : 1;
  }
  if (cmd === 'doctor') return (await import('./doctor.js')).runDoctor();
  const config = loadConfig({ LOG_LEVEL: 'warn', PROMPTS_WATCH: 'false', ...process.env });
  if (cmd === 'prompts' && rest[0] === 'check') return promptsCheck(config.PROMPTS_DIR);
  if (cmd === 'backup' || cmd === 'restore') return (await import('./backup-cli.js')).runBackupCommand(cmd, rest, config, out);
  if (cmd === 'migrate-to-postgres') return migrateToPostgres(config, rest);

  const app = await buildApp(config, { runWorker: false });
  try {
    const { positional, opts } = flags(rest);
    const name = opts.as ?? process.env.USER;
    const actor = { type: 'admin' as const, ...(name ? { name } : {}) };
    switch (cmd) {
      case 'prompts': {
        const sub = positional[0];
        if (sub === 'history') {
          for (const v of await app.prompts.history(50)) {
            const files = [...v.diff.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1]);
            out(`v${v.id}  ${localTime(app.prompts.current(), v.appliedAt)}  ${v.hash}  ${v.author ?? '-'}  ${files.join(', ') || '(awal)'}`);
          }
          return 0;
        }
        if (sub === 'show') {
          const v = await app.prompts.version(Number(positional[1]));
          if (!v) throw new UsageError(`no version ${positional[1]}; see: npm run cli -- prompts history`);
          out(`v${v.id} ${v.appliedAt} ${v.author ?? '-'} ${v.hash}`);
          out(v.diff || '(no changes)');
          return 0;
        }
        if (sub === 'rollback') {
          const id = Number(positional[1]);
          if (!Number.isInteger(id)) throw new UsageError('usage: npm run cli -- prompts rollback <version>');
          const r = await app.prompts.rollback(id, actor.name ?? null);
          if (!r.ok) { out(r.message); return 1; }
          out(r.changed ? `restored version ${id} as v${r.version?.id} (prompts/ files rewritten; a running service reloads them)` : `version ${id} is already the current configuration`);
          return 0;
        }
        throw new UsageError('usage: npm run cli -- prompts check|history|show <v>|rollback <v>');
      }
      case 'route': {
        const text = positional.join(' ');
        if (!text) throw new UsageError('usage: npm run cli -- route "sampah numpuk di jln sudirman"');
        return route(app, text);
      }
      case 'tickets': {
        const states = opts.state ? opts.state.split(',') : undefined;
        for (const s of states ?? []) if (!(TICKET_STATES as readonly string[]).includes(s)) throw new UsageError(`unknown state "${s}"; one of ${TICKET_STATES.join(', ')}`);
        const list = await app.store.tickets.list({ ...(states ? { states: states as TicketState[] } : {}), ...(opts.agency ? { agency: opts.agency } : {}), limit: Number(opts.limit ?? 50) });
        if (list.length === 0) out('(belum ada tiket)');
        for (const t of list) out(`${t.number.padEnd(9)} ${t.state.padEnd(11)} ${t.agency.padEnd(9)} ${t.category.padEnd(16)} ${localTime(app.prompts.current(), t.createdAt)}  ${(t.locationText ?? '-').slice(0, 40)}`);
        return 0;
      }
      case 'ticket':
        if (!positional[0]) throw new UsageError('usage: npm run cli -- ticket BM-0001');
        return showTicket(app, positional[0]);
      case 'act': {
        const [number, action] = positional;
        if (!number || !action || !(action in TICKET_ACTIONS)) throw new UsageError(`usage: npm run cli -- act <nomor> <${Object.keys(TICKET_ACTIONS).join('|')}> [--note ..] [--agency ..]`);
        // Without --as, a resolution is recorded in the name of the staff member holding the ticket, not the operator's login.
        const holder = !opts.as && action === 'selesaikan' ? await app.tickets.get(number) : undefined;
        const by = holder?.assigneeName ? { type: 'staff' as const, name: holder.assigneeName, ...(holder.assigneeId ? { id: holder.assigneeId } : {}) } : actor;
        const t = await app.tickets.act(number, action as TicketAction, { actor: by, ...(opts.note ? { note: opts.note } : {}), ...(opts.agency ? { agency: opts.agency } : {}) });
        out(`${t.number} is now ${t.state} at ${t.agency}; the citizen is told by the running service`);
        return 0;
      }
      case 'reply': {
        const [number, ...words] = positional;
        if (!number || words.length === 0) throw new UsageError('usage: npm run cli -- reply BM-0001 "Petugas akan datang besok pagi"');
        await app.tickets.staffReply(number, actor, words.join(' '));
        out(`reply queued for the citizen of ${number}`);
        return 0;
      }
      case 'reporters': {
        const sub = positional[0];
        if (sub === 'list') {
          for (const r of await app.store.trustedReporters.list()) out(`${r.id}  ${r.name}  RT ${r.rt ?? '-'}/RW ${r.rw ?? '-'}  ${r.kelurahan ?? '-'}  ${r.channel}:${r.address}`);
          return 0;
        }
        if (sub === 'remove') {
          out((await app.store.trustedReporters.remove(Number(positional[1]))) ? 'removed' : `no reporter ${positional[1]}`);
          return 0;
        }
        if (sub === 'add') {
          if (!opts.channel || !opts.address || !opts.name) throw new UsageError('reporters add needs --channel, --address and --name');
          const r = await app.store.trustedReporters.add({
            channel: opts.channel, address: opts.address, name: opts.name, rt: opts.rt ?? null, rw: opts.rw ?? null,
            kelurahan: opts.kelurahan ?? null, kecamatan: opts.kecamatan ?? null,
          });
          out(`trusted reporter ${r.id}: ${r.name} (RT ${r.rt ?? '-'}/RW ${r.rw ?? '-'} ${r.kelurahan ?? ''})`);
          return 0;
        }
        throw new UsageError('usage: npm run cli -- reporters add|list|remove');
      }
      case 'outbox': {
        const counts = await app.store.outbox.counts();
        out(Object.entries(counts).map(([k, v]) => `${k}: ${v}`).join('  '));
        const status = (opts.status ?? 'failed') as 'failed';
        for (const r of await app.store.outbox.list({ status, limit: 50 })) out(`#${r.id} ${r.recipientKey} attempts=${r.attempts} ${r.lastError ?? ''}`);
        return 0;
      }
      case 'citizen':
      case 'retention':
        return runPrivacyCommand(app, cmd, positional, opts, out);
      case 'users': {
        const mod = await import('../web/admin-cli.js');
        return await mod.runAdminCommand(rest, app);
      }
      default:
        throw new UsageError(`unknown command "${cmd}"\n\n${HELP}`);
    }
  } finally {
    await app.stop();
  }
}

run(process.argv.slice(2)).then((code) => process.exit(code), (err: unknown) => {
  const known = err instanceof UsageError || err instanceof ConfigError || (err as Error).name === 'TicketError' || (err as Error).name === 'IllegalTransitionError' || (err as Error).name === 'PromptsError' || (err as Error).name === 'BackupError' || (err as Error).name === 'DatabaseLockedError' || (err as Error).name === 'UsageError';
  process.stderr.write(`${known ? (err as Error).message : (err as Error).stack ?? String(err)}\n`);
  process.exit(known ? 2 : 1);
});
