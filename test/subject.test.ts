// Subject prefixes as kernel mail writes them.
import { describe, expect, it } from 'vitest';
import { parseSubject, otherPrefixes } from '../src/series/subject.js';

describe('parseSubject', () => {
  it('several bracket groups: [LSF/MM/BPF TOPIC][RFC PATCH v4 00/27]', () => {
    const s = parseSubject('[LSF/MM/BPF TOPIC][RFC PATCH v4 00/27] Private Memory Nodes (w/ Compressed RAM)');
    expect(s).toMatchObject({ rfc: true, isPatch: true, version: 4, index: 0, total: 27, isReply: false, title: 'Private Memory Nodes (w/ Compressed RAM)' });
    expect(otherPrefixes(s)).toEqual(['LSF/MM/BPF TOPIC']);
  });
  it('zero padding and replies', () => {
    expect(parseSubject('Re: [RFC PATCH v4 07/27] mm: x')).toMatchObject({ isReply: true, index: 7, total: 27, version: 4 });
    expect(parseSubject('RE: Re: [PATCH 001/167] mm: x')).toMatchObject({ isReply: true, index: 1, total: 167 });
  });
  it('comma separated and glued forms', () => {
    expect(parseSubject('[PATCH v6,19/24] x')).toMatchObject({ version: 6, index: 19, total: 24 });
    expect(parseSubject('[PATCH1/8] x')).toMatchObject({ isPatch: true, index: 1, total: 8, version: 1 });
    expect(parseSubject('[PATCHv3 2/3] x')).toMatchObject({ version: 3, index: 2, total: 3 });
  });
  it('partial rerolls and resends', () => {
    expect(parseSubject('[PATCH v5.1 10/12] x')).toMatchObject({ version: 5, minor: 1, index: 10, total: 12 });
    expect(parseSubject('[RESEND PATCH net-next v2] x')).toMatchObject({ resend: true, version: 2, index: null, extra: ['net-next'] });
  });
  it('unnumbered and unprefixed', () => {
    expect(parseSubject('[PATCH] mm: fix')).toMatchObject({ isPatch: true, index: null, total: null, version: 1, explicitVersion: false });
    expect(parseSubject('mm: fix it')).toMatchObject({ isPatch: false, title: 'mm: fix it', groups: [] });
    expect(parseSubject('[PATCH 0 of 2] hg')).toMatchObject({ index: 0, total: 2 });
  });
});
