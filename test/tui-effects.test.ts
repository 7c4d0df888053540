// The effects layer against a real (temporary) XDG state directory, a real shell editor and git config.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeEffects, seriesDirName, stateDirFor } from '../src/views/tui/effects.js';

const root = mkdtempSync(join(tmpdir(), 'lorescope-fx-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: root, XDG_STATE_HOME: join(root, 'state'), ...extra });

describe('tui effects (XDG state directory)', () => {
  it('puts state under $XDG_STATE_HOME/lorescope, else ~/.local/state/lorescope', () => {
    expect(stateDirFor({ XDG_STATE_HOME: '/x/state' })).toBe('/x/state/lorescope');
    // A relative XDG_STATE_HOME is invalid per the spec and ignored.
    expect(stateDirFor({ XDG_STATE_HOME: 'rel' })).toMatch(/\/\.local\/state\/lorescope$/);
  });

  it('keeps reviewed marks per series across instances (restarts)', () => {
    const a = nodeEffects({ env: env() });
    a.saveReviewed('cover@example.com', ['p2@example.com', 'p1@example.com']);
    a.saveReviewed('other/series@example.com', ['q1@example.com']);
    const b = nodeEffects({ env: env() });
    expect(b.loadReviewed(['cover@example.com']).reviewed).toEqual(['p1@example.com', 'p2@example.com']);
    expect(b.loadReviewed(['cover@example.com', 'other/series@example.com', 'unknown@x']).reviewed).toHaveLength(3);
    // Message-IDs with a slash still make one directory each.
    expect(readdirSync(join(root, 'state', 'lorescope', 'series')).sort()).toEqual([seriesDirName('cover@example.com'), seriesDirName('other/series@example.com')].sort());
  });

  it('reports an unreadable marks file instead of failing', () => {
    const fx = nodeEffects({ env: env() });
    fx.saveReviewed('broken@example.com', []);
    writeFileSync(join(fx.stateDir, 'series', seriesDirName('broken@example.com'), 'reviewed.json'), '{not json');
    const r = fx.loadReviewed(['broken@example.com']);
    expect(r.reviewed).toEqual([]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toContain('reviewed.json');
  });

  it('writes drafts without overwriting, runs $EDITOR on them with the terminal handed over', () => {
    const editor = join(root, 'fake-editor.sh');
    writeFileSync(editor, '#!/bin/sh\nprintf "Looks good.\\n" >> "$1"\n');
    chmodSync(editor, 0o755);
    const calls: string[] = [];
    const fx = nodeEffects({ env: env({ EDITOR: editor, VISUAL: '' }), suspend: () => calls.push('suspend'), resume: () => calls.push('resume') });
    const p1 = fx.writeDraft('cover@example.com', 'a-patch', 'Subject: Re: x\n\n> q\n\n');
    const p2 = fx.writeDraft('cover@example.com', 'a-patch', 'Subject: Re: x\n\n> q\n\n');
    expect(p1).not.toBe(p2);
    expect(p1).toMatch(new RegExp(`^${root}/state/lorescope/series/[^/]+/drafts/\\d{8}-\\d{6}-a-patch\\.eml$`));
    expect(fx.edit(p1)).toBeNull();
    expect(calls).toEqual(['suspend', 'resume']);
    expect(readFileSync(p1, 'utf8')).toBe('Subject: Re: x\n\n> q\n\nLooks good.\n');
    // A failing editor is reported, and the terminal is still taken back.
    const bad = nodeEffects({ env: env({ EDITOR: 'false' }), resume: () => calls.push('resume') });
    expect(bad.edit(p2)).toBe('editor exited with status 1');
    expect(calls.at(-1)).toBe('resume');
  });

  it('takes the draft sender from git config', () => {
    const cfg = join(root, 'gitconfig');
    writeFileSync(cfg, '[user]\n\tname = Rev Iewer\n\temail = rev@example.net\n');
    const fx = nodeEffects({ cwd: root, env: env({ GIT_CONFIG_GLOBAL: cfg, GIT_CONFIG_NOSYSTEM: '1' }) });
    expect(fx.identity()).toEqual({ name: 'Rev Iewer', email: 'rev@example.net' });
    const none = nodeEffects({ cwd: root, env: env({ GIT_CONFIG_GLOBAL: join(root, 'nope'), GIT_CONFIG_NOSYSTEM: '1' }) });
    expect(none.identity()).toBeNull();
  });
});
