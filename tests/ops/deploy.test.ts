import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('deployment files', () => {
  it('the systemd unit passes systemd-analyze verify (skipped with a message where systemd is absent)', () => {
    const r = spawnSync('deploy/verify-systemd.sh', { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/systemd-analyze verify ok|skipping the systemd unit check/);
  });

  it('CI and the Docker image install through the same script', () => {
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^deploy\/install\.sh/m);
    expect(readFileSync('deploy/Dockerfile', 'utf8')).toMatch(/deploy\/install\.sh/);
    expect(readFileSync('deploy/Dockerfile', 'utf8')).not.toMatch(/npm (ci|install)/);
  });

  it('doctor runs on a fresh clone and says what to fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'suarawarga-clone-'));
    try {
      const clone = spawnSync('git', ['clone', '--quiet', '--depth', '1', `file://${resolve('.')}`, dir], { encoding: 'utf8' });
      expect(clone.status, clone.stderr).toBe(0);
      symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_PATH|PROMPTS_DIR|MEDIA_DIR|BACKUP_DIR|TELEGRAM_|WHATSAPP_)/.test(k)));
      const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/cli.ts', 'doctor'], { cwd: dir, encoding: 'utf8', env });
      expect(r.stdout).toMatch(/✔ Node\.js: v\d+/);
      expect(r.stdout).toMatch(/✔ better-sqlite3: native module loads/);
      expect(r.stdout).toMatch(/✔ prompts: prompts is valid/);
      expect(r.stdout).toMatch(/! Telegram: off[^\n]*\n {4}fix: create a bot with @BotFather/);
      expect(r.stdout).toMatch(/doctor: ready to start/);
      expect(r.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
