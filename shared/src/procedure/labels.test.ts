import { describe, expect, it } from 'vitest';
import { PROCEDURE_ACTION_LABELS, PROCEDURE_STEP_LABELS, procedureStateLabel } from './labels.js';
import { STATES } from './procedure.fixtures.js';

describe('PROCEDURE_STEP_LABELS', () => {
  it('numbers the six open steps as in Bijlage 3', () => {
    expect(Object.values(PROCEDURE_STEP_LABELS)).toEqual([
      '1. Planner past planning aan',
      '2. Contact met Logius',
      '3. Gezamenlijke afweging',
      '4. Planning aangepast',
      '5. Geëscaleerd',
      '6. Logius voert de regie',
      'Opgelost',
    ]);
  });
});

describe('PROCEDURE_ACTION_LABELS', () => {
  it('gives every action a distinct label', () => {
    const labels = Object.values(PROCEDURE_ACTION_LABELS);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe('procedureStateLabel', () => {
  it('adds the level of the ladder to step 6 once Logius climbed it', () => {
    expect(procedureStateLabel(STATES.ld)).toBe('6. Logius voert de regie');
    expect(procedureStateLabel(STATES.ld3)).toBe('6. Logius voert de regie (Afdelingshoofd)');
    expect(procedureStateLabel(STATES.e0)).toBe('5. Geëscaleerd');
  });

  it('gives the plain step label elsewhere', () => {
    expect(procedureStateLabel(STATES.lc)).toBe('2. Contact met Logius');
    expect(procedureStateLabel(STATES.r)).toBe('Opgelost');
  });
});
