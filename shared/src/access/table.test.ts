import { describe, expect, it } from 'vitest';
import { ACCESS, accessReach, accessScope, CAPABILITIES, roleMay, rolesWith } from './table.js';
import { ROLE_LABELS, ROLES, roleIsAfnemerBound, roleIsLogius } from './roles.js';

describe('ACCESS', () => {
  it('gives every role at least one capability, so a new role fails here until the table covers it', () => {
    const uncovered = ROLES.filter((role) => CAPABILITIES.every((cap) => !roleMay(role, cap)));
    expect(uncovered).toEqual([]);
  });

  it('names only known roles, and grants every capability to some role', () => {
    for (const cap of CAPABILITIES) {
      const roles = Object.keys(ACCESS[cap]);
      expect(roles.length, cap).toBeGreaterThan(0);
      expect(
        roles.filter((r) => !(ROLES as readonly string[]).includes(r)),
        cap,
      ).toEqual([]);
    }
  });

  it('reaches only its own Afnemer for an Afnemer-bound role, and every Afnemer for a Logius role', () => {
    for (const cap of CAPABILITIES) {
      for (const role of ROLES) {
        const reach = accessReach(role, cap);
        if (reach === null) continue;
        expect(`${cap} ${role} ${reach}`).toBe(`${cap} ${role} ${roleIsAfnemerBound(role) ? 'own' : 'any'}`);
      }
    }
  });

  it('lets every role read Afnemer data, Logius all of it', () => {
    expect(rolesWith('afnemer-data.read')).toEqual([...ROLES]);
    expect(ROLES.filter((r) => accessReach(r, 'afnemer-data.read') === 'any')).toEqual(ROLES.filter(roleIsLogius));
  });
});

describe('accessReach', () => {
  it('answers null for a role left out of the row', () => {
    expect(accessReach('klantraad-manager', 'prognose.deliver')).toBeNull();
    expect(accessReach('planner', 'prognose.deliver')).toBe('own');
    expect(accessReach('admin', 'prognose.deliver')).toBe('any');
    expect(accessReach('admin', 'prognose.edit')).toBeNull();
  });
});

describe('rolesWith', () => {
  it('lists the roles in the order of ROLES', () => {
    expect(rolesWith('rfc.handle')).toEqual(['capacity-manager', 'service-manager', 'admin']);
    expect(rolesWith('fraud.handle')).toEqual(['fraudeteam']);
  });
});

describe('accessScope', () => {
  it('is null (every Afnemer) for Logius and the own OIN for an Afnemer-bound role', () => {
    expect(accessScope({ role: 'service-manager', afnemerOin: null })).toBeNull();
    expect(accessScope({ role: 'planner', afnemerOin: '00000001003214345000' })).toBe('00000001003214345000');
    expect(accessScope({ role: 'klantraad-manager', afnemerOin: '00000001003214345000' }, 'contact.manage')).toBe('00000001003214345000');
    expect(accessScope({ role: 'admin', afnemerOin: null }, 'contact.manage')).toBeNull();
  });
});

describe('ROLE_LABELS', () => {
  it('names every role in Dutch, each differently', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...ROLES].sort());
    expect(new Set(Object.values(ROLE_LABELS)).size).toBe(ROLES.length);
  });
});
