// `check` over indexed sources, unit by unit (unit-stream.ts): each series is reduced to what the
// formats read (views/check/report.ts) and kept in a temporary table with its findings, so memory is
// bounded by the largest unit; the report then reads them back in input order (text, SARIF) or in
// the order sortFindings gives all findings of the run (JSON, GitHub).
import type { Finding } from '../model/review.js';
import type { Analysers } from '../review/build.js';
import type { Db } from '../index/db.js';
import type { IndexedSource } from '../index/catalog.js';
import { checkSeries, type CheckReport, type CheckSeries } from '../views/check/report.js';
import { counts } from '../views/check/select.js';
import { eachUnit, type UnitReview, type UnitTotals } from './unit-stream.js';

const TABLES = `
CREATE TEMP TABLE IF NOT EXISTS check_series (pos INTEGER NOT NULL, json TEXT NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS check_findings (pos INTEGER NOT NULL, k INTEGER NOT NULL, patch INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, rule TEXT NOT NULL, json TEXT NOT NULL);
CREATE TEMP TABLE IF NOT EXISTS check_rank (kind INTEGER NOT NULL, value TEXT NOT NULL, rank INTEGER NOT NULL, PRIMARY KEY (kind, value));
DELETE FROM check_series; DELETE FROM check_findings; DELETE FROM check_rank;`;

/**
 * sortFindings compares files and rule ids with localeCompare, which SQLite cannot: rank the
 * distinct values (few: paths of the tree, rule ids) in JS, equal ranks for values it finds equal.
 */
function rankValues(db: Db, kind: 0 | 1, column: 'file' | 'rule'): void {
  const values = db.prepare(`SELECT DISTINCT ${column} FROM check_findings`).pluck().all() as string[];
  values.sort((a, b) => a.localeCompare(b));
  const put = db.prepare('INSERT OR REPLACE INTO check_rank (kind, value, rank) VALUES (?, ?, ?)');
  let rank = 0;
  values.forEach((v, i) => {
    if (i > 0 && values[i - 1].localeCompare(v) !== 0) rank++;
    put.run(kind, v, rank);
  });
}

export async function streamCheck(db: Db, sources: IndexedSource[], an: Analysers, sloppyTrailers: boolean): Promise<{ report: CheckReport; totals: UnitTotals }> {
  db.exec(TABLES);
  const putSeries = db.prepare('INSERT INTO check_series (pos, json) VALUES (?, ?)');
  const putFinding = db.prepare('INSERT INTO check_findings (pos, k, patch, file, line, rule, json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const c = counts([]);
  let seriesCount = 0;
  let patchCount = 0;
  // The rules never read the discussion, nor version lineage: neither is built.
  const totals = await eachUnit(db, sources, { an, sloppyTrailers, build: { discussion: false } }, db.transaction((u: UnitReview) => {
    for (const s of u.review.series) {
      const pos = u.posOf(s);
      const cs = checkSeries(s);
      putSeries.run(pos, JSON.stringify(cs));
      cs.findings.forEach((f, k) => {
        putFinding.run(pos, k, f.patchIndex, f.file ?? '', f.line ?? 0, f.ruleId, JSON.stringify(f));
        c[f.severity]++;
      });
      seriesCount++;
      patchCount += cs.patches.length;
    }
  }));
  rankValues(db, 0, 'file');
  rankValues(db, 1, 'rule');
  const series = db.prepare('SELECT json FROM check_series ORDER BY pos').pluck();
  // Ties keep the order of the series and, within one, of its (sorted) findings: as a stable sort of all.
  const findings = db.prepare(`SELECT f.json FROM check_findings f
    JOIN check_rank fr ON fr.kind = 0 AND fr.value = f.file JOIN check_rank rr ON rr.kind = 1 AND rr.value = f.rule
    ORDER BY f.patch, fr.rank, f.line, rr.rank, f.pos, f.k`).pluck();
  const report: CheckReport = {
    rules: an.ruleIds ?? [],
    errors: totals.errors,
    counts: c,
    seriesCount,
    patchCount,
    series: function* () {
      for (const json of series.iterate() as IterableIterator<string>) yield JSON.parse(json) as CheckSeries;
    },
    findings: function* () {
      for (const json of findings.iterate() as IterableIterator<string>) yield JSON.parse(json) as Finding;
    },
  };
  return { report, totals };
}
