// Malformed and unusual real mail: parsed or reported, never a crash, exit code 0.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { cli, corpus } from './helpers/corpus.js';
import { loadSources } from '../src/pipeline/load.js';

const dirs = ['patchwork/fuzz', 'patchwork/mail'];

describe('every fuzz and odd mail is parsed or reported', () => {
  for (const dir of dirs) {
    for (const name of readdirSync(corpus(dir)).filter((n) => n.endsWith('.mbox'))) {
      it(`${dir}/${name}`, async () => {
        const loaded = await loadSources([corpus(dir, name)]);
        const kept = loaded.mails.size + loaded.model.duplicates;
        const failed = loaded.model.errors.filter((e) => e.severity === 'error' && e.origin.index >= 0).length;
        // Nothing is lost: every message read is in the model or in the errors.
        expect(kept + failed).toBe(loaded.model.messages);
        expect(loaded.model.messages).toBeGreaterThan(0);
        for (const m of loaded.mails.values()) {
          expect(m.msgid.length).toBeGreaterThan(0);
          expect(typeof m.body).toBe('string');
        }
      });
    }
  }

  it('the CLI lists problems without failing (whole fuzz directory)', () => {
    const r = cli(['series', '--json', corpus('patchwork/fuzz')]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    const out = JSON.parse(r.stdout);
    expect(out.messages).toBe(readdirSync(corpus('patchwork/fuzz')).filter((n) => n.endsWith('.mbox')).length);
    expect(out.errors.length).toBeGreaterThan(0);
    for (const e of out.errors) {
      expect(e.source).toContain('fuzz');
      expect(e.message).toMatch(/\S/);
    }
  });

  it('a mail without Message-ID gets a synthesised id and a warning naming the message', async () => {
    const loaded = await loadSources([corpus('kernel/series/memory-tiers-6.0.patch')]);
    const warn = loaded.model.errors.find((e) => /Message-ID/.test(e.message));
    expect(warn?.severity).toBe('warning');
    expect(warn?.origin.locator).toMatch(/^byte \d+$/);
    expect([...loaded.mails.keys()].every((id) => /@synthesized$/.test(id))).toBe(true);
  });

  it('an unreadable source is one clear line and exit code 2', () => {
    const r = cli(['series', '/nonexistent/x.mbox']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('lorescope: /nonexistent/x.mbox: no such file or directory');
  });
});
