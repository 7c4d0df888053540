// Types of scripts/pi-mirror.mjs for the TypeScript tests.
export interface MirrorMessage {
  /** 0-based position of the message in the mbox (or in the appended list). */
  index: number;
  size: number;
  epoch: number;
  gitDir: string;
  blob: string;
  commit: string;
  /** The commit changes nothing (the message equals the one before it): readers do not count it. */
  unchanged?: true;
}

export interface Mirror {
  dir: string;
  /** Messages in the mbox (also those `messages` left out). */
  count: number;
  epochs: string[];
  messages: MirrorMessage[];
}

export interface MirrorOptions {
  /** Committer identity, `NAME <ADDR>`. */
  ident?: string;
  /** Start a new epoch once one holds this many bytes of mail. */
  epochBytes?: number;
  /** Default: detected from a `From mboxrd@z` first line. */
  mboxrd?: boolean;
  /** Which messages (by 0-based mbox position) go in; default all. */
  messages?: (index: number) => boolean;
}

export function isolatedEnv(): NodeJS.ProcessEnv;
export function gitIsFromLine(line: Buffer): boolean;
export function mailsplitMessage(file: string): Buffer;
export function eachMessage(mbox: string, each: (bytes: Buffer, index: number) => unknown, opts?: { mboxrd?: boolean }): Promise<number>;
export function mboxMessages(mbox: string, opts?: { mboxrd?: boolean }): Promise<Buffer[]>;
export function authorOf(value: string): { name: string; email: string };
export function commitInfo(msg: Buffer, fallback?: string): { author: { name: string; email: string }; at: string; ct: string; subject: string };
export function buildMirror(mbox: string, outDir: string, opts?: MirrorOptions): Promise<Mirror>;
export function appendMessages(gitDir: string, msgs: Buffer[], opts?: { ident?: string }): Promise<MirrorMessage[]>;
export function dropObjects(gitDir: string, oids: string[]): void;
