// Plain data shapes of the ingest stages: sources yield RawMessage, src/mail turns them into Mail.

/** Where a message came from, so every error can name it. */
export interface Origin {
  /** File, directory, URL or "-" for stdin. */
  source: string;
  /** 0-based position of the message within its source. */
  index: number;
  /** Byte offset in an mbox, file name in a maildir, commit in a public-inbox repository. */
  locator?: string;
}

/** One message exactly as read: the bytes are never rewritten after mboxrd unescaping. */
export interface RawMessage {
  bytes: Buffer;
  origin: Origin;
  /** Set when the source could not deliver the message (e.g. over the size limit): report, don't parse. */
  error?: string;
  /** Where the message's bytes lie in an mbox stream, so they can be read again without a new split. */
  span?: MboxSpan;
}

/** A message's place in an mbox stream (decompressed, for gzip): enough to read it again by itself. */
export interface MboxSpan {
  /** Offset of the separator line (of the message's first byte when there is none). */
  start: number;
  /** Offset of the first byte after the separator line. */
  offset: number;
  /** Bytes as stored, before the trailing blank line is dropped and mboxrd quoting undone. */
  length: number;
  /** Whether a separator line came before it (the trailing blank line is the file's then). */
  separator: boolean;
  mboxrd: boolean;
  /** The bytes were left with their mboxrd quoting (MboxOptions.quoted). */
  quoted?: boolean;
}

export interface Address {
  name: string;
  email: string;
}

export interface HeaderField {
  /** Name as written (case kept). */
  name: string;
  /** Unfolded value, RFC 2047 words not decoded. */
  raw: string;
}

/** A parsed message. `body` is the decoded text of the message's main text part, with line endings kept. */
export interface Mail {
  msgid: string;
  /** True when the message had no usable Message-ID and one was made up from its bytes. */
  synthesizedId: boolean;
  from: Address;
  to: Address[];
  cc: Address[];
  /** Decoded subject, folded lines joined. */
  subject: string;
  date: Date | null;
  /** The Date header as written (for re-emission). */
  dateRaw: string;
  inReplyTo: string | null;
  references: string[];
  headers: HeaderField[];
  /** Decoded body text (transfer encoding and charset undone, CR kept). */
  body: string;
  /** The patch text when the body or an attachment carries a diff; byte-exact after transfer decoding. */
  patch: string | null;
  /** `patch !== null`, known without decoding the body again. */
  hasPatch: boolean;
  /** True when the text part was format=flowed (mailers damage patches sent that way). */
  flowed: boolean;
  raw: Buffer;
  origin: Origin;
}

export interface IngestError {
  origin: Origin;
  msgid?: string;
  severity: 'error' | 'warning';
  message: string;
}
