// The little a state store needs from a database: transactions and parameterised statements. SQL is
// written once, with `?` placeholders; each driver (sqlite-driver.ts, postgres-driver.ts) runs it.

export type Row = Record<string, unknown>;

export interface Tx {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Driver {
  readonly kind: 'sqlite' | 'postgres';
  readonly where: string;
  /** One write transaction; a conflict with a concurrent writer is retried, never half-applied. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** One consistent read (a snapshot across its statements). */
  read<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A write transaction that also excludes other processes migrating the same database. */
  exclusive<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A problem with the state database, said in one line (the CLI prints it without a stack). */
export class StateError extends Error {}

/** Runs async work one at a time: a single connection must not interleave two transactions. */
export class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
