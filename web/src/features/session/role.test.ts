import { describe, expect, it } from 'vitest';
import { canAdmin, canWrite, rolesAssignableBy, scopesAllowedFor } from './role.ts';

describe('role permissions', () => {
  it('viewer reads, member writes, admin and owner administer', () => {
    expect([canWrite('viewer'), canWrite('member'), canWrite('admin'), canWrite('owner')]).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect([canAdmin('viewer'), canAdmin('member'), canAdmin('admin'), canAdmin('owner')]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });

  it('offers only the token scopes the server accepts from the role', () => {
    expect(scopesAllowedFor('viewer')).toEqual(['read']);
    expect(scopesAllowedFor('member')).toEqual(['read', 'write']);
    expect(scopesAllowedFor('admin')).toEqual(['read', 'write', 'admin']);
  });

  it('lets only an owner make owners', () => {
    expect(rolesAssignableBy('admin')).not.toContain('owner');
    expect(rolesAssignableBy('owner')).toContain('owner');
  });
});
