import { describe, expect, it } from 'vitest';
import { securityEscalationAudience, securityEscalationNext, SECURITY_ESCALATION_TOP } from './escalation.js';
import { securityStatusAllowed } from './model.js';

describe('securityEscalationNext', () => {
  it('climbs the general ladder of section 7.3 one level at a time, from consultation to the director', () => {
    const titles: string[] = [];
    for (let level = 0, next = securityEscalationNext(0); next; level = next.level, next = securityEscalationNext(level)) {
      expect(next.level).toBe(level + 1);
      titles.push(next.title);
    }
    expect(titles).toEqual([
      'Servicecentrum Logius',
      'Service manager Logius',
      'Teamleider/coördinator MijnOverheid',
      'Afdelingshoofd Portaaldiensten',
      'Directeur Logius',
    ]);
    expect(securityEscalationNext(SECURITY_ESCALATION_TOP)).toBeNull();
  });
});

describe('securityEscalationAudience', () => {
  it('always informs the security officer besides the level, and the reporting Afnemer when there is one', () => {
    expect(securityEscalationAudience(2, true)).toEqual({
      roles: ['security-officer', 'service-manager'],
      contactRole: 'servicemanager',
      informReportingAfnemer: true,
    });
    expect(securityEscalationAudience(5, false)?.informReportingAfnemer).toBe(false);
    expect(securityEscalationAudience(0, true)).toBeNull();
    expect(securityEscalationAudience(6, true)).toBeNull();
  });
});

describe('securityStatusAllowed', () => {
  it('moves forward only, and never out of afgesloten', () => {
    expect(securityStatusAllowed('gemeld', 'in-behandeling')).toBe(true);
    expect(securityStatusAllowed('gemeld', 'afgesloten')).toBe(true);
    expect(securityStatusAllowed('in-behandeling', 'gemeld')).toBe(false);
    expect(securityStatusAllowed('in-behandeling', 'in-behandeling')).toBe(false);
    expect(securityStatusAllowed('afgesloten', 'in-behandeling')).toBe(false);
  });
});
