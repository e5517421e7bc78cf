import { describe, expect, it } from 'vitest';
import { slugFromName } from './workspace-slug.ts';

describe('slugFromName', () => {
  it('makes a slug the server accepts from what people type', () => {
    expect(slugFromName('Web Team')).toBe('web-team');
    expect(slugFromName('  Café / Ops!  ')).toBe('cafe-ops');
    expect(slugFromName('---')).toBe('');
    const long = slugFromName(`${'a'.repeat(62)} b`);
    expect(long).toBe('a'.repeat(62));
    expect(long).toMatch(/^[a-z0-9][a-z0-9-]{0,62}$/);
  });
});
