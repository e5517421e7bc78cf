import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ImplementedVerdict } from '../../api-client/api-types.ts';
import { ImplementedPanel } from './implemented-panel.tsx';
import { verdictHeadline, weightText } from './implemented-verdict.ts';

const verdict: ImplementedVerdict = {
  confidence: 0.8213,
  threshold: 0.5,
  implemented: true,
  status: 'implemented-after-issue',
  commit: 'abcdef0123456789abcdef0123456789abcdef01',
  detectedAt: '2025-03-01T00:00:00Z',
  evidence: [
    {
      kind: 'closing-reference',
      weight: 2.4,
      timing: 'after-issue',
      summary: 'commit abcdef0 "Add retry delay (fixes #42)" closes #42',
      commit: 'abcdef0123456789abcdef0123456789abcdef01',
      path: null,
      pullRequest: null,
      terms: [],
    },
    {
      kind: 'test',
      weight: 0.31,
      timing: 'after-issue',
      summary: 'a test added retryDelay',
      commit: 'abcdef0123456789abcdef0123456789abcdef01',
      path: 'tests/client.test.ts',
      pullRequest: null,
      terms: ['retryDelay'],
    },
    {
      kind: 'existing-code',
      weight: 0,
      timing: 'before-issue',
      summary: 'HttpClient already in src/client.ts',
      commit: null,
      path: 'src/client.ts',
      pullRequest: null,
      terms: ['HttpClient'],
    },
  ],
  evidenceCount: 5,
};

const render = (v: ImplementedVerdict) =>
  renderToStaticMarkup(createElement(ImplementedPanel, { verdict: v }));

describe('ImplementedPanel', () => {
  it('says how likely, with the confidence, and lists every piece of evidence with when it came', () => {
    const html = render(verdict);
    expect(html).toContain('Likely already implemented (0.82)');
    expect(html.match(/data-testid="implemented-evidence"/g)).toHaveLength(3);
    expect(html).toContain('<code title="abcdef0123456789abcdef0123456789abcdef01">abcdef0</code>');
    expect(html).toContain('tests/client.test.ts');
    expect(html).toContain('>Test<');
    expect(html).toContain('after the issue was opened');
    expect(html).toContain('before the issue was opened');
    expect(html).toContain('matched retryDelay');
    expect(html).toContain('2 weaker pieces of evidence not shown');
  });

  it('never claims an implementation below the threshold, and says when matches predate the issue', () => {
    const under = {
      ...verdict,
      confidence: 0.7672,
      threshold: 0.85,
      implemented: false,
      status: 'not-found' as const,
    };
    expect(verdictHeadline(under)).toBe('Some evidence, below the threshold (0.77 < 0.85)');
    expect(verdictHeadline({ ...under, confidence: 0.12, evidence: [] })).toBe(
      'Not found in the repository (0.12)',
    );
    expect(render({ ...verdict, status: 'existed-before-issue' })).toContain(
      'the report may have missed an existing feature',
    );
    expect(render({ ...verdict, evidence: [], evidenceCount: 0 })).toContain('No evidence found');
  });

  it('writes weights with their sign', () => {
    expect([weightText(1.2), weightText(-0.3), weightText(0)]).toEqual(['+1.20', '−0.30', '0.00']);
  });
});
