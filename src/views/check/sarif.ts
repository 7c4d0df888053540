// SARIF 2.1.0 for GitHub code scanning: rules in tool.driver.rules, our own partialFingerprints
// (GitHub's fallback hashing needs the file in the checkout, which a mailed series often lacks).
import type { Finding, ReviewModel } from '../../model/review.js';
import { framedJson, listMark } from '../json.js';
import { reportOf, type CheckReport, type CheckSeries } from './report.js';

const LEVEL = { high: 'error', warn: 'warning', info: 'note' } as const;
/** GitHub's limit per run. */
const MAX_RESULTS = 25_000;

export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
}

/** Series-level findings have no file; GitHub wants a location, so they point at the first file touched. */
function locationFor(f: Finding, s: CheckSeries): { uri: string; line: number } | null {
  if (f.file) return { uri: f.file, line: f.line ?? 1 };
  const p = s.patches.find((x) => x.index === f.patchIndex) ?? s.patches[0];
  const file = p?.firstFile;
  return file ? { uri: file, line: 1 } : null;
}

/** The findings SARIF reports (GitHub takes MAX_RESULTS per run), series by series in input order. */
function* reported(report: CheckReport): Generator<{ f: Finding; s: CheckSeries }> {
  let n = 0;
  for (const s of report.series()) {
    for (const f of s.findings) {
      if (n++ >= MAX_RESULTS) return;
      yield { f, s };
    }
  }
}

function ruleOf(f: Finding): object {
  return {
    id: f.ruleId,
    name: f.ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: f.title },
    fullDescription: { text: f.rationale || f.title },
    ...(f.link ? { helpUri: f.link } : {}),
    help: { text: f.rationale || f.title },
    defaultConfiguration: { level: LEVEL[f.severity] },
    properties: { tags: [f.ruleId.split('.')[0]] },
  };
}

/**
 * The SARIF log, written as it goes: the rules (each described by its first finding) are gathered
 * in one pass over the series, the results written in a second.
 */
export function* sarifChunks(report: CheckReport, opts: SarifOptions): Generator<string | Buffer> {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  for (const { f } of reported(report)) {
    if (ruleIndex.has(f.ruleId)) continue;
    ruleIndex.set(f.ruleId, rules.length);
    rules.push(ruleOf(f));
  }
  const results = (function* () {
    for (const { f, s } of reported(report)) {
      const loc = locationFor(f, s);
      yield JSON.stringify({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.text ? `${f.message}\n${f.text}` : f.message },
        ...(loc ? { locations: [{ physicalLocation: { artifactLocation: { uri: loc.uri, uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, loc.line) } } }] } : {}),
        partialFingerprints: { 'lorescope/v1': f.fingerprint },
        properties: { patch: f.patchIndex, msgid: f.msgid, series: s.id, side: f.side },
      }, null, 2);
    }
  })();
  const shape = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'lorescope', version: opts.toolVersion, informationUri: opts.informationUri ?? 'https://lore.kernel.org/', rules } },
      results: listMark(0),
      columnKind: 'utf16CodeUnits',
    }],
  };
  yield* framedJson(shape, [results]);
  yield '\n';
}

export function formatSarif(review: ReviewModel, opts: SarifOptions): string {
  return [...sarifChunks(reportOf(review), opts)].join('');
}
