// Rows written many to one statement: each call into SQLite costs more than binding a row's values
// (19,339 message rows took 115 ms one by one and 50 ms 64 to a statement). The rest of a batch, fewer
// than a full statement, goes row by row.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';

export class RowBatch {
  private values: unknown[] = [];
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly full: number;

  /** `sql(n)` is the statement for n rows of `width` values each. */
  constructor(db: Db, private readonly width: number, perStatement: number, sql: (rows: number) => string) {
    this.many = db.prepare(sql(perStatement));
    this.one = db.prepare(sql(1));
    this.full = width * perStatement;
  }

  add(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    if (this.values.length === this.full) this.flush();
  }

  /** Write what is held (the caller does before anything reads the table). */
  flush(): void {
    const v = this.values;
    this.values = [];
    if (v.length === this.full) this.many.run(v);
    else for (let i = 0; i < v.length; i += this.width) this.one.run(v.slice(i, i + this.width));
  }
}
