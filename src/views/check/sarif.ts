// SARIF 2.1.0 for GitHub code scanning: rules in tool.driver.rules, our own partialFingerprints
// (GitHub's fallback hashing needs the file in the checkout, which a mailed series often lacks).
import type { Finding, ReviewModel, ReviewSeries } from '../../model/review.js';
import { sortFindings } from './select.js';

const LEVEL = { high: 'error', warn: 'warning', info: 'note' } as const;
/** GitHub's limit per run. */
const MAX_RESULTS = 25_000;

export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
}

/** Series-level findings have no file; GitHub wants a location, so they point at the first file touched. */
function locationFor(f: Finding, s: ReviewSeries): { uri: string; line: number } | null {
  if (f.file) return { uri: f.file, line: f.line ?? 1 };
  const p = s.patches.find((x) => x.index === f.patchIndex) ?? s.patches[0];
  const file = p?.files[0]?.path;
  return file ? { uri: file, line: 1 } : null;
}

export function toSarif(review: ReviewModel, opts: SarifOptions): object {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  const results: object[] = [];
  for (const s of review.series) {
    for (const f of sortFindings(s.findings)) {
      if (results.length >= MAX_RESULTS) break;
      if (!ruleIndex.has(f.ruleId)) {
        ruleIndex.set(f.ruleId, rules.length);
        rules.push({
          id: f.ruleId,
          name: f.ruleId.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
          shortDescription: { text: f.title },
          fullDescription: { text: f.rationale || f.title },
          ...(f.link ? { helpUri: f.link } : {}),
          help: { text: f.rationale || f.title },
          defaultConfiguration: { level: LEVEL[f.severity] },
          properties: { tags: [f.ruleId.split('.')[0]] },
        });
      }
      const loc = locationFor(f, s);
      results.push({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: LEVEL[f.severity],
        message: { text: f.text ? `${f.message}\n${f.text}` : f.message },
        ...(loc ? { locations: [{ physicalLocation: { artifactLocation: { uri: loc.uri, uriBaseId: '%SRCROOT%' }, region: { startLine: Math.max(1, loc.line) } } }] } : {}),
        partialFingerprints: { 'lorescope/v1': f.fingerprint },
        properties: { patch: f.patchIndex, msgid: f.msgid, series: s.id, side: f.side },
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'lorescope', version: opts.toolVersion, informationUri: opts.informationUri ?? 'https://lore.kernel.org/', rules } },
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
}

export function formatSarif(review: ReviewModel, opts: SarifOptions): string {
  return JSON.stringify(toSarif(review, opts), null, 2) + '\n';
}
