/**
 * `npm run cli -- users ...`: command-centre accounts.
 *
 *   users add <name> --role admin|viewer   password from ADMIN_PASSWORD, or read from stdin
 *   users passwd <name>                    same; ends the user's sessions
 *   users disable <name> | users enable <name>
 *   users list
 */
import { createInterface } from 'node:readline';
import type { WebHost } from './host.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth.js';
import type { WebRole } from './ports.js';

const USAGE = `usage:
  npm run cli -- users add <name> --role admin|viewer   (password from ADMIN_PASSWORD or typed on stdin)
  npm run cli -- users passwd <name>
  npm run cli -- users disable <name> | users enable <name>
  npm run cli -- users list`;

export interface AdminCliIo {
  out(line: string): void;
  err(line: string): void;
  /** Reads the password when ADMIN_PASSWORD is not set. */
  readPassword(prompt: string): Promise<string>;
  env: NodeJS.ProcessEnv;
}

/** Reads one line from stdin (piped, or typed at a terminal). */
async function readPasswordFromStdin(prompt: string): Promise<string> {
  const input = process.stdin;
  if (input.isTTY) process.stderr.write(prompt);
  // Not attached to an output stream, so nothing typed is echoed back by readline.
  const rl = createInterface({ input, terminal: false });
  try {
    for await (const line of rl) return line;
    return '';
  } finally {
    rl.close();
    if (input.isTTY) process.stderr.write('\n');
  }
}

const defaultIo: AdminCliIo = {
  out: (l) => void process.stdout.write(`${l}\n`),
  err: (l) => void process.stderr.write(`${l}\n`),
  readPassword: readPasswordFromStdin,
  env: process.env,
};

const NAME = /^[a-zA-Z0-9._-]{2,40}$/;

export async function runAdminCommand(args: string[], app: WebHost, io: AdminCliIo = defaultIo): Promise<number> {
  const users = app.web.users;
  const [sub, ...rest] = args;
  const positional = rest.filter((a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1] === '--role'));
  const roleAt = rest.findIndex((a) => a === '--role' || a.startsWith('--role='));
  const role = roleAt < 0 ? undefined : rest[roleAt]!.includes('=') ? rest[roleAt]!.split('=')[1] : rest[roleAt + 1];
  const name = positional[0];

  const password = async (): Promise<string | undefined> => {
    const p = io.env.ADMIN_PASSWORD ?? (await io.readPassword(`Password for ${name}: `));
    if (p.length < MIN_PASSWORD_LENGTH) {
      io.err(`The password must have at least ${MIN_PASSWORD_LENGTH} characters (set ADMIN_PASSWORD or type it on stdin).`);
      return undefined;
    }
    return p;
  };

  switch (sub) {
    case 'add': {
      if (!name || !NAME.test(name)) { io.err(`A user name of 2-40 letters, digits, dots, dashes or underscores is needed.\n${USAGE}`); return 2; }
      if (role !== 'admin' && role !== 'viewer') { io.err(`--role must be admin or viewer (viewer: read-only, never sees citizens' numbers).\n${USAGE}`); return 2; }
      if (await users.byName(name)) { io.err(`A user named "${name}" already exists; change the password with: npm run cli -- users passwd ${name}`); return 2; }
      const p = await password();
      if (!p) return 2;
      const u = await users.add(name, role as WebRole, await hashPassword(p), app.clock.now().toISOString());
      await users.audit({ at: app.clock.now().toISOString(), userName: null, action: 'user_add', ticketId: null, detail: `${u.name} (${u.role}) via CLI` });
      io.out(`Created ${u.role} "${u.name}". Log in at http://${app.config.HOST}:${app.config.PORT}/login`);
      return 0;
    }
    case 'passwd': {
      const u = name ? await users.byName(name) : undefined;
      if (!u) { io.err(`No user "${name ?? ''}"; see npm run cli -- users list`); return 2; }
      const p = await password();
      if (!p) return 2;
      await users.setPassword(u.name, await hashPassword(p));
      await users.deleteSessionsOf(u.id);
      await users.audit({ at: app.clock.now().toISOString(), userName: null, action: 'user_passwd', ticketId: null, detail: `${u.name} via CLI` });
      io.out(`Password of "${u.name}" changed; their sessions were ended.`);
      return 0;
    }
    case 'disable':
    case 'enable': {
      const u = name ? await users.byName(name) : undefined;
      if (!u) { io.err(`No user "${name ?? ''}"; see npm run cli -- users list`); return 2; }
      await users.setDisabled(u.name, sub === 'disable');
      if (sub === 'disable') await users.deleteSessionsOf(u.id);
      await users.audit({ at: app.clock.now().toISOString(), userName: null, action: `user_${sub}`, ticketId: null, detail: `${u.name} via CLI` });
      io.out(`User "${u.name}" ${sub}d.`);
      return 0;
    }
    case 'list': {
      const list = await users.list();
      if (!list.length) io.out('No command-centre users yet. Create the first admin: ADMIN_PASSWORD=... npm run cli -- users add <name> --role admin');
      for (const u of list) io.out(`${u.name}\t${u.role}${u.disabled ? '\tdisabled' : ''}\tcreated ${u.createdAt}`);
      return 0;
    }
    default:
      io.err(USAGE);
      return 2;
  }
}
