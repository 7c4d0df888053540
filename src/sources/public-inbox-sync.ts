// Bringing one epoch's local log up to date: the commit walk (simple-git) feeds one `git cat-file
// --batch` while it runs, and a pump drains cat-file eagerly into the log and a queue. The caller can
// start parsing the new messages as soon as the walk is over (every deletion is known then), while
// git is still sending blobs: on two cores git and the parser run side by side.
import type { Epoch } from './public-inbox-layout.js';
import { headCommit, isAncestor, streamChanges } from './public-inbox-git.js';
import { CatFile, presentObjects } from './public-inbox-catfile.js';
import { LogWriter, logPath, saveState, trimLog, type EpochState, type InboxState, type LogRecord } from './public-inbox-log.js';
import { SourceError } from './read.js';

export const EMPTY_EPOCH: EpochState = { head: '', bytes: 0, count: 0, dels: [] };

export interface EpochPlan {
  epoch: Epoch;
  head: string;
  /** What is already in the log and stays (EMPTY_EPOCH when the epoch is read from the start). */
  base: EpochState;
  resume: boolean;
}

/** What to read from an epoch, or null when its log is already up to date. */
export async function planEpoch(e: Epoch, state: InboxState, cacheDir: string): Promise<EpochPlan | null> {
  const prev = state.epochs[e.name];
  const head = await headCommit(e.gitDir);
  if (!head) {
    state.epochs[e.name] = { ...EMPTY_EPOCH, dels: [] };
    trimLog(logPath(cacheDir, e.name), 0);
    return null;
  }
  // A blob missing when the log was written may be there now (the mirror was repaired): read anew.
  const healed = !!prev?.missing?.length && (await presentObjects(e.gitDir, prev.missing)).length > 0;
  const intact = !!prev && prev.head !== '' && !healed && trimLog(logPath(cacheDir, e.name), prev.bytes);
  if (intact && prev.head === head) return null;
  const resume = intact && (await isAncestor(e.gitDir, prev.head, head));
  return { epoch: e, head, base: resume ? prev : EMPTY_EPOCH, resume };
}

export class EpochSync {
  /** Deletions of the whole epoch (old and new); complete once `listed` resolves. */
  readonly dels: [number, string][];
  /** Resolves when the commit walk is over. */
  readonly listed: Promise<void>;
  private queue: { oid: string; commit: string }[] = [];
  private blobs: (Buffer | null)[] = [];
  /** Blobs the repository lacks, old (from the log) and new. */
  private missing: string[];
  private cat: CatFile;
  private writer: LogWriter;
  private count: number;
  private pumped: Promise<void>;
  private done = false;
  private error: unknown = null;
  private wake: (() => void) | null = null;

  constructor(readonly plan: EpochPlan, cacheDir: string, onBlob: () => void) {
    const { epoch, base, resume, head } = plan;
    this.dels = [...base.dels];
    this.count = base.count;
    this.missing = [...(base.missing ?? [])];
    this.cat = new CatFile(epoch.gitDir);
    this.writer = new LogWriter(logPath(cacheDir, epoch.name), !resume);
    this.listed = streamChanges(epoch.gitDir, resume ? base.head : null, head, (c) => {
      for (const oid of c.dels) this.dels.push([this.count, oid]);
      for (const oid of c.adds) {
        this.queue.push({ oid, commit: c.commit });
        this.cat.request(oid);
        this.count++;
      }
    }).finally(() => this.cat.end());
    this.listed.catch(() => undefined); // awaited by the pump and the caller
    this.pumped = this.pump(onBlob);
  }

  private async pump(onBlob: () => void): Promise<void> {
    let i = 0;
    try {
      for await (const batch of this.cat.blobs()) {
        for (const bytes of batch) {
          const q = this.queue[i++];
          if (bytes) this.writer.add(q.oid, q.commit, bytes);
          else {
            this.writer.addMissing(q.oid, q.commit);
            this.missing.push(q.oid);
          }
          onBlob();
        }
        this.blobs.push(...batch);
        this.wake?.();
      }
      await this.listed;
      if (i !== this.queue.length) throw new SourceError(`${this.plan.epoch.gitDir}: git cat-file answered ${i} of ${this.queue.length} requests`);
    } catch (e) {
      this.error = e;
    } finally {
      this.done = true;
      this.wake?.();
    }
  }

  /** The new records in commit order, as git delivers them. */
  async *records(): AsyncGenerator<LogRecord> {
    let j = 0;
    for (;;) {
      while (j < this.blobs.length) {
        const q = this.queue[j];
        const bytes = this.blobs[j];
        this.blobs[j++] = EMPTY; // the consumer keeps what it needs
        yield bytes ? { oid: q.oid, commit: q.commit, bytes } : { oid: q.oid, commit: q.commit, bytes: EMPTY, missing: true };
      }
      if (this.error) throw this.error;
      if (this.done) return;
      await new Promise<void>((r) => {
        this.wake = r;
      });
      this.wake = null;
    }
  }

  /** Read to the end without yielding (for epochs before the last one that changed). */
  async drain(): Promise<void> {
    await this.pumped;
    if (this.error) throw this.error;
    this.blobs = [];
  }

  /** All read: close the log and record how far it goes. */
  finish(state: InboxState, cacheDir: string): void {
    this.writer.close();
    const { base, head, epoch } = this.plan;
    state.epochs[epoch.name] = { head, bytes: base.bytes + this.writer.written, count: this.count, dels: this.dels };
    if (this.missing.length) state.epochs[epoch.name].missing = this.missing;
    saveState(cacheDir, state);
  }

  /** Stop early (an error, or the reader gave up): the state is not advanced, the log is cut next time. */
  async abort(): Promise<void> {
    this.cat.kill();
    await this.pumped;
    this.writer.close();
  }
}

const EMPTY = Buffer.alloc(0);
