/**
 * The media half of a backup: a plain POSIX tar (ustar) archive of the media
 * folder with a manifest.json first, written and read with node built-ins so
 * `tar -tvf FILE.media.tar` on any server can inspect it too.
 *
 * Files are streamed in chunks (a city's photos can be gigabytes); names are
 * paths relative to the media folder, never absolute and never "..", so an
 * archive cannot write outside the folder it is restored into.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

const BLOCK = 512;
const CHUNK = 1 << 20;

/** What an archive holds, stored as its first entry (manifest.json). */
export interface MediaManifest {
  format: 'suarawarga-media/1';
  createdAt: string;
  files: { path: string; bytes: number; sha256: string }[];
}

/** Every regular file under `dir`, as sorted relative paths with '/' separators. */
export function listMediaFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    // ustar splits long names at a '/' into prefix (155) + name (100).
    const cut = name.lastIndexOf('/', 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) {
      throw new Error(`media file name too long for the backup archive (${name}); rename it under 250 characters`);
    }
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK, 0);

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return h.digest('hex');
}

async function copyInto(out: FileHandle, path: string, size: number): Promise<void> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(CHUNK);
    let left = size;
    while (left > 0) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(CHUNK, left), null);
      if (bytesRead === 0) throw new Error(`${path} shrank while it was being archived; run the backup again`);
      await out.write(buf.subarray(0, bytesRead));
      left -= bytesRead;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Archives every file under `mediaDir` into `file` (written to a temporary
 * name first, so a failed run never leaves a half archive under the real name).
 */
export async function writeMediaArchive(mediaDir: string, file: string, now: Date): Promise<{ files: number; bytes: number }> {
  const paths = listMediaFiles(mediaDir);
  const files: MediaManifest['files'] = [];
  for (const p of paths) {
    const full = join(mediaDir, p);
    files.push({ path: p, bytes: statSync(full).size, sha256: await hashFile(full) });
  }
  const manifest: MediaManifest = { format: 'suarawarga-media/1', createdAt: now.toISOString(), files };
  const body = Buffer.from(JSON.stringify(manifest, null, 1));
  const tmp = `${file}.partial`;
  mkdirSync(dirname(file), { recursive: true });
  const out = await open(tmp, 'w');
  try {
    await out.write(Buffer.concat([header('manifest.json', body.length, now), body, padding(body.length)]));
    for (const f of files) {
      await out.write(header(`media/${f.path}`, f.bytes, now));
      await copyInto(out, join(mediaDir, f.path), f.bytes);
      await out.write(padding(f.bytes));
    }
    await out.write(Buffer.alloc(BLOCK * 2, 0));
    await out.sync();
  } catch (err) {
    await out.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await out.close();
  await rename(tmp, file);
  return { files: files.length, bytes: files.reduce((a, f) => a + f.bytes, 0) };
}

function readString(h: Buffer, start: number, len: number): string {
  const raw = h.subarray(start, start + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? len : end).toString('utf8');
}

/**
 * Restores an archive made by writeMediaArchive into `mediaDir`: each file's
 * size and checksum are checked against the manifest. Existing files with the
 * same name are replaced; other files in the folder are left alone.
 */
export async function extractMediaArchive(file: string, mediaDir: string): Promise<{ files: number; bytes: number }> {
  const root = resolve(mediaDir);
  const fh = await open(file, 'r');
  let manifest: MediaManifest | undefined;
  let files = 0;
  let bytes = 0;
  try {
    const head = Buffer.alloc(BLOCK);
    let pos = 0;
    for (;;) {
      const { bytesRead } = await fh.read(head, 0, BLOCK, pos);
      if (bytesRead < BLOCK || head.every((b) => b === 0)) break;
      pos += BLOCK;
      const name = [readString(head, 345, 155), readString(head, 0, 100)].filter(Boolean).join('/');
      const size = parseInt(readString(head, 124, 12).trim() || '0', 8);
      if (name === 'manifest.json') {
        const body = Buffer.alloc(size);
        await fh.read(body, 0, size, pos);
        manifest = JSON.parse(body.toString('utf8')) as MediaManifest;
        if (manifest.format !== 'suarawarga-media/1') throw new Error(`${file} is not a SuaraWarga media archive (format ${String(manifest.format)})`);
      } else if (name.startsWith('media/')) {
        const rel = name.slice('media/'.length);
        const target = resolve(root, rel);
        if (!target.startsWith(root + sep)) throw new Error(`${file} holds an entry outside the media folder (${name}); refusing to restore it`);
        const expected = manifest?.files.find((f) => f.path === rel);
        if (!expected || expected.bytes !== size) throw new Error(`${file}: ${rel} does not match the archive's manifest; the archive is damaged`);
        mkdirSync(dirname(target), { recursive: true });
        const tmp = `${target}.restoring`;
        const out = await open(tmp, 'w');
        const hash = createHash('sha256');
        try {
          const buf = Buffer.alloc(CHUNK);
          let left = size;
          let at = pos;
          while (left > 0) {
            const r = await fh.read(buf, 0, Math.min(CHUNK, left), at);
            if (r.bytesRead === 0) throw new Error(`${file} ends in the middle of ${rel}; the archive is truncated`);
            const chunk = buf.subarray(0, r.bytesRead);
            hash.update(chunk);
            await out.write(chunk);
            left -= r.bytesRead;
            at += r.bytesRead;
          }
        } finally {
          await out.close();
        }
        if (hash.digest('hex') !== expected.sha256) {
          await rm(tmp, { force: true });
          throw new Error(`${file}: checksum of ${rel} is wrong; the archive is damaged`);
        }
        await rename(tmp, target);
        files++;
        bytes += size;
      }
      pos += size + padding(size).length;
    }
  } finally {
    await fh.close();
  }
  if (!manifest) throw new Error(`${file} has no manifest.json: not a SuaraWarga media archive`);
  if (files !== manifest.files.length) throw new Error(`${file} holds ${files} of the ${manifest.files.length} files its manifest lists; the archive is truncated`);
  return { files, bytes };
}
