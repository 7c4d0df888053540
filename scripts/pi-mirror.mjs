#!/usr/bin/env node
// Build a public-inbox v2 mirror from an mbox the way public-inbox's importer writes one: git
// fast-import, one commit per message whose tree holds only `m` (the raw message), author and
// author date from From:/Date:, committer the inbox's identity at the Received: time, the subject as
// the commit message (PublicInbox::Import::add). Messages are split by `git mailsplit`, not by
// lorescope, so a mirror built here is an independent copy of the mail lorescope is tested on.
//
// Plain JS so that both the tests (TypeScript) and bench/ can import it:
//   import { buildMirror } from '../scripts/pi-mirror.mjs';
//   node scripts/pi-mirror.mjs MBOX OUTDIR [--ident 'NAME <ADDR>'] [--epoch-bytes N]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** git with no user, system or ambient GIT_* settings: the mirror must not depend on who builds it. */
export function isolatedEnv() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
}

function isMboxrd(mbox) {
  const fd = openSync(mbox, 'r');
  try {
    const head = Buffer.alloc(11);
    return readSync(fd, head, 0, 11, 0) === 11 && head.toString('latin1') === 'From mboxrd';
  } finally {
    closeSync(fd);
  }
}

/** git mailsplit's own test for a separator line (builtin/mailsplit.c is_from_line): `hh:mm:ss YEAR`. */
export function gitIsFromLine(line) {
  const len = line.length;
  if (len < 20 || line.subarray(0, 5).toString('latin1') !== 'From ') return false;
  let colon = len - 2;
  for (;;) {
    if (colon < 5) return false;
    if (line[--colon] === 0x3a) break;
  }
  const digit = (i) => i >= 0 && i < len && line[i] >= 0x30 && line[i] <= 0x39;
  if (!digit(colon - 4) || !digit(colon - 2) || !digit(colon - 1) || !digit(colon + 1) || !digit(colon + 2)) return false;
  const year = /^\s*[+-]?\d+/.exec(line.toString('latin1', colon + 3, Math.min(len, colon + 40)));
  return !!year && Number(year[0]) > 90;
}

/**
 * One mailsplit output file → the message: its `From ` line and the mbox's blank line after it go.
 * A bare message (`-b`: the file did not start with a separator) is kept whole.
 */
export function mailsplitMessage(file) {
  let b = readFileSync(file);
  const nl = b.indexOf(0x0a);
  if (!gitIsFromLine(b.subarray(0, nl < 0 ? b.length : nl + 1))) return b;
  b = b.subarray(nl + 1);
  const n = b.length;
  if (n >= 2 && b[n - 1] === 0x0a && b[n - 2] === 0x0a) return b.subarray(0, n - 1);
  if (n >= 3 && b[n - 1] === 0x0a && b[n - 2] === 0x0d && b[n - 3] === 0x0a) return b.subarray(0, n - 2);
  return b;
}

/**
 * Split an mbox with `git mailsplit` (CRs kept; mboxrd unquoted when the file is mboxrd) and call
 * `each(bytes, i)` per message, in file order; returns the number of messages.
 */
export async function eachMessage(mbox, each, { mboxrd = isMboxrd(mbox) } = {}) {
  // git mailsplit calls a file of nothing but white space an error ("empty mbox"): it holds no message.
  if (statSync(mbox).size <= 4096 && !/\S/.test(readFileSync(mbox, 'latin1'))) return 0;
  const dir = mkdtempSync(join(tmpdir(), 'pi-mirror-split-'));
  try {
    const args = ['mailsplit', '-b', '--keep-cr', ...(mboxrd ? ['--mboxrd'] : []), `-o${dir}`, mbox];
    const n = Number(execFileSync('git', args, { encoding: 'utf8', env: isolatedEnv() }).trim());
    for (let i = 1; i <= n; i++) await each(mailsplitMessage(join(dir, String(i).padStart(4, '0'))), i - 1);
    return n;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every message of an mbox as split by `git mailsplit`. */
export async function mboxMessages(mbox, opts) {
  const out = [];
  await eachMessage(mbox, (b) => void out.push(b), opts);
  return out;
}

// --- headers, loosely, as public-inbox reads them for commit metadata ---

function headerBlock(msg) {
  let end = msg.indexOf('\n\n');
  const crlf = msg.indexOf('\r\n\r\n');
  if (crlf >= 0 && (end < 0 || crlf < end)) end = crlf;
  return msg.toString('latin1', 0, end < 0 ? Math.min(msg.length, 1 << 20) : end);
}

/** Unfolded values of every header named `name`, in order (latin1: bytes kept one to one). */
function headers(block, name) {
  const out = [];
  const re = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'gim');
  for (const m of block.matchAll(re)) out.push(m[1].replace(/\r?\n(?=[ \t])/g, '').replace(/\r$/, ''));
  return out;
}

function decodeCharset(bytes, charset) {
  try {
    return new TextDecoder(charset.toLowerCase().replace(/\*.*$/, '')).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** RFC 2047 encoded words decoded; the rest read as UTF-8 (what kernel mail mostly is). */
function decodeWords(latin1) {
  const text = Buffer.from(latin1, 'latin1').toString('utf8');
  return text.replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=(?:\s+(?==\?))?/g, (_all, cs, enc, data) => {
    const bytes = /b/i.test(enc)
      ? Buffer.from(data, 'base64')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    return decodeCharset(bytes, cs);
  });
}

/** Name and address of a From: value, like PublicInbox::AddressPP's loose names()/emails(). */
export function authorOf(value) {
  const email = /([\w.+=?"()\-!#$%&'*/^`|{}~]+@[\w.\-()]+)/.exec(value)?.[1] ?? '';
  let name = '';
  const angle = value.lastIndexOf('<');
  const phrase = (angle >= 0 ? value.slice(0, angle) : value.replace(email, '')).replace(/[\r\n\t ]+/g, ' ').replace(/^['"\s]+|['"\s]+$/g, '');
  const comment = /\(([^)]*)\)/.exec(angle >= 0 ? value.slice(angle) : value)?.[1];
  if (/\S/.test(phrase) && !/^\(.*\)$/.test(phrase)) name = phrase.replace(/@\S+$/, '');
  else if (comment) name = comment;
  else name = email.split('@')[0];
  // git fast-import refuses <, > and newlines in an identity.
  const clean = (s) => s.replace(/[<>\r\n]/g, '').trim();
  return { name: clean(name), email: clean(email) };
}

function zoneOf(date) {
  const m = /([+-])(\d{2})(\d{2})(?:\s*\([^)]*\))?\s*$/.exec(date);
  return m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
}

/** `SECONDS ZONE` for git, or null when the text holds no usable date. */
function gitTime(date) {
  const ms = Date.parse(date.replace(/\([^)]*\)/g, ' ').trim());
  if (!Number.isFinite(ms)) return null;
  return `${Math.max(0, Math.floor(ms / 1000))} ${zoneOf(date)}`;
}

/** The first Received: date (the hop nearest the archive), as PublicInbox::MsgTime reads it. */
function receivedTime(block) {
  for (const r of headers(block, 'Received')) {
    const m = /\s*([0-9]+\s+[a-zA-Z]+\s+[0-9]{2,4}\s+[0-9]+[^0-9][0-9]+(?:[^0-9][0-9]+)\s+([+-][0-9]+))/.exec(r);
    const t = m && gitTime(m[1]);
    if (t) return t;
  }
  return null;
}

/** What public-inbox puts in a message's commit: author, author date, committer date, subject. */
export function commitInfo(msg, fallback = '0 +0000') {
  const block = headerBlock(msg);
  const from = headers(block, 'From')[0] ?? headers(block, 'Sender')[0] ?? '';
  const date = headers(block, 'Date')[0];
  const at = (date && gitTime(date)) || receivedTime(block) || fallback;
  const ct = receivedTime(block) || (date && gitTime(date)) || fallback;
  const subject = decodeWords(headers(block, 'Subject')[0] ?? '').replace(/[\r\n]+/g, ' ').trim() || '(no subject)';
  return { author: authorOf(decodeWords(from)), at, ct, subject };
}

// --- the epochs ---

class Epoch {
  /** `append`: continue the epoch's existing history instead of starting a new repository. */
  constructor(gitDir, ident, append = false) {
    this.gitDir = gitDir;
    this.ident = ident;
    this.marks = join(gitDir, 'pi-mirror.marks');
    this.messages = [];
    this.bytes = 0;
    if (!append) execFileSync('git', ['init', '-q', '--bare', '-b', 'master', gitDir], { env: isolatedEnv() });
    this.from = append ? 'from refs/heads/master^0\n' : '';
    this.child = spawn('git', ['--git-dir', gitDir, 'fast-import', '--quiet', `--export-marks=${this.marks}`], {
      stdio: ['pipe', 'inherit', 'inherit'], env: isolatedEnv(),
    });
    this.closed = once(this.child, 'close');
    this.child.stdin.on('error', () => undefined); // a failed import is reported by close()
    this.pending = [];
    this.pendingLen = 0;
  }

  async add(msg, index) {
    const { author, at, ct, subject } = commitInfo(msg);
    const blob = this.messages.length * 2 + 1;
    const subj = Buffer.from(subject + '\n', 'utf8');
    this.push(Buffer.from(`blob\nmark :${blob}\ndata ${msg.length}\n`, 'latin1'), msg, Buffer.from('\n'));
    this.push(Buffer.from(`commit refs/heads/master\nmark :${blob + 1}\nauthor ${author.name} <${author.email}> ${at}\ncommitter ${this.ident} ${ct}\ndata ${subj.length}\n`, 'utf8'),
      subj, Buffer.from(`${this.from}M 100644 :${blob} m\n\n`, 'latin1'));
    this.from = ''; // later commits of the stream follow the branch on their own
    // A message byte for byte like the one before it gives a commit that changes nothing: readers
    // (public-inbox's and lorescope's) do not count it, and public-inbox itself refuses such a copy.
    const unchanged = this.last !== undefined && this.last.equals(msg);
    this.last = msg;
    this.messages.push(unchanged ? { index, size: msg.length, unchanged } : { index, size: msg.length });
    this.bytes += msg.length;
    if (this.pendingLen >= 1 << 20) await this.flush();
  }

  push(...bufs) {
    for (const b of bufs) {
      this.pending.push(b);
      this.pendingLen += b.length;
    }
  }

  async flush() {
    if (!this.pendingLen) return;
    const buf = Buffer.concat(this.pending, this.pendingLen);
    this.pending = [];
    this.pendingLen = 0;
    if (!this.child.stdin.write(buf)) await Promise.race([once(this.child.stdin, 'drain'), this.closed]);
  }

  /** Finish the import and learn the object ids of every blob and commit. */
  async close() {
    await this.flush();
    this.child.stdin.end();
    const [code] = await this.closed;
    if (code !== 0) throw new Error(`${this.gitDir}: git fast-import failed (exit ${code})`);
    const oids = new Map();
    for (const line of readFileSync(this.marks, 'latin1').split('\n')) {
      const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
      if (m) oids.set(Number(m[1]), m[2]);
    }
    rmSync(this.marks, { force: true });
    this.messages.forEach((m, i) => {
      m.blob = oids.get(i * 2 + 1);
      m.commit = oids.get(i * 2 + 2);
    });
  }
}

/**
 * Write `outDir/git/0.git`, `1.git`, … (a new epoch once `epochBytes` of mail are in one, as
 * public-inbox rotates epochs by size) and `all.git` borrowing their objects. `messages` (a
 * function `(i) => boolean`) picks which messages of the mbox go in, by 0-based position. Returns,
 * per message written, its position in the mbox, epoch, commit and blob ids and size, and
 * `unchanged` where the commit changes nothing (see Epoch.add).
 */
export async function buildMirror(mbox, outDir, { ident = DEFAULT_IDENT, epochBytes = Infinity, mboxrd, messages: pick } = {}) {
  const root = resolve(outDir);
  mkdirSync(join(root, 'git'), { recursive: true });
  const epochs = [];
  let cur = null;
  const count = await eachMessage(resolve(mbox), async (msg, index) => {
    if (pick && !pick(index)) return;
    if (!cur || (cur.messages.length && cur.bytes + msg.length > epochBytes)) {
      if (cur) await cur.close();
      cur = new Epoch(join(root, 'git', `${epochs.length}.git`), ident);
      epochs.push(cur);
    }
    await cur.add(msg, index);
  }, mboxrd === undefined ? {} : { mboxrd });
  if (cur) await cur.close();
  const all = join(root, 'all.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'master', all], { env: isolatedEnv() });
  writeFileSync(join(all, 'objects', 'info', 'alternates'), epochs.map((_, n) => `../../git/${n}.git/objects\n`).join(''));
  return { dir: root, count, epochs: epochs.map((e) => e.gitDir), messages: epochMessages(epochs) };
}

/** New mail arriving: append messages (Buffers) to an existing epoch, one commit each. */
export async function appendMessages(gitDir, msgs, { ident = DEFAULT_IDENT } = {}) {
  const epoch = new Epoch(gitDir, ident, true);
  for (const [i, m] of msgs.entries()) await epoch.add(m, i);
  await epoch.close();
  return epochMessages([epoch]);
}

const DEFAULT_IDENT = 'pi-mirror <pi-mirror@localhost>';

function epochMessages(epochs) {
  return epochs.flatMap((e, n) => e.messages.map((m) => ({ ...m, epoch: n, gitDir: e.gitDir })));
}

/**
 * Damage a repository as a partial clone or a lost pack would: repack everything except `oids`,
 * delete every other pack and loose object, and check that git now lacks exactly those objects.
 */
export function dropObjects(gitDir, oids) {
  const env = isolatedEnv();
  const drop = new Set(oids);
  const listed = execFileSync('git', ['--git-dir', gitDir, 'rev-list', '--objects', '--all', '--missing=allow-any'], { env, maxBuffer: 1 << 30, encoding: 'latin1' });
  const keep = listed.split('\n').map((l) => l.slice(0, l.indexOf(' ') < 0 ? l.length : l.indexOf(' '))).filter((o) => o && !drop.has(o));
  const packDir = join(gitDir, 'objects', 'pack');
  const before = readdirSync(packDir);
  const name = execFileSync('git', ['--git-dir', gitDir, 'pack-objects', '-q', join(packDir, 'pack')], { env, input: keep.join('\n') + '\n', encoding: 'latin1' }).trim();
  for (const f of before) if (!f.includes(name)) rmSync(join(packDir, f));
  for (const d of readdirSync(join(gitDir, 'objects'))) if (/^[0-9a-f]{2}$/.test(d)) rmSync(join(gitDir, 'objects', d), { recursive: true });
  for (const oid of oids) {
    const r = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '-e', oid], { env });
    if (r.status === 0) throw new Error(`${gitDir}: ${oid} is still there after the repack`);
  }
}

async function main(argv) {
  const args = [...argv];
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const [, v] = args.splice(i, 2);
    return v;
  };
  const ident = opt('--ident');
  const epochBytes = opt('--epoch-bytes');
  if (args.length !== 2) {
    console.error('usage: node scripts/pi-mirror.mjs MBOX OUTDIR [--ident "NAME <ADDR>"] [--epoch-bytes N]');
    process.exitCode = 2;
    return;
  }
  const t0 = performance.now();
  const r = await buildMirror(args[0], args[1], { ident, epochBytes: epochBytes ? Number(epochBytes) : undefined });
  console.log(`${r.dir}: ${r.count} messages in ${r.epochs.length} epoch${r.epochs.length === 1 ? '' : 's'}, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`pi-mirror: ${e instanceof Error ? e.message : e}`);
    process.exitCode = 2;
  });
}
