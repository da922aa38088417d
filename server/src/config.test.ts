import { describe, expect, it } from 'vitest';
import { configDeadlines, configFromEnv, configHorizon, configWantsDemo } from './config.js';

describe('configFromEnv', () => {
  it('applies the defaults when nothing is set', () => {
    expect(configFromEnv({})).toMatchObject({ PORT: 3000, DATA_DIR: './.data', PG_PORT: 54329 });
  });

  it('names every bad variable in Dutch', () => {
    expect(() => configFromEnv({ PORT: 'abc', DATABASE_URL: 'mysql://x', DEMO: 'ja' })).toThrow(
      /PORT: moet een poortnummer zijn[\s\S]*DATABASE_URL: moet beginnen met postgres[\s\S]*DEMO: moet 0 of 1 zijn/,
    );
  });

  it('reads TRUST_PROXY as 0 or 1, off when unset', () => {
    expect(configFromEnv({}).TRUST_PROXY).toBeUndefined();
    expect(configFromEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe('1');
    expect(() => configFromEnv({ TRUST_PROXY: 'ja' })).toThrow(/TRUST_PROXY: moet 0 of 1 zijn/);
  });

  it('reads the metrics settings: a token of at least 16 characters, a port, an instance name', () => {
    expect(configFromEnv({})).toMatchObject({ METRICS_TOKEN: undefined, METRICS_PORT: undefined, INSTANCE_ID: undefined });
    expect(configFromEnv({ METRICS_TOKEN: 'x'.repeat(16), METRICS_PORT: '9464', INSTANCE_ID: 'api-1' })).toMatchObject({
      METRICS_TOKEN: 'x'.repeat(16),
      METRICS_PORT: 9464,
      INSTANCE_ID: 'api-1',
    });
    expect(() => configFromEnv({ METRICS_TOKEN: 'kort' })).toThrow(/METRICS_TOKEN: moet minstens 16 tekens lang zijn/);
    expect(() => configFromEnv({ METRICS_TOKEN: 'met spaties erin, lang genoeg' })).toThrow(/METRICS_TOKEN: mag alleen zichtbare ASCII/);
    expect(() => configFromEnv({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT: moet tussen 1 en 65535 liggen/);
    expect(() => configFromEnv({ INSTANCE_ID: 'a b' })).toThrow(/INSTANCE_ID: mag alleen letters/);
  });

  it('treats an empty value as unset', () => {
    expect(configFromEnv({ PORT: '' }).PORT).toBe(3000);
  });
});

describe('configWantsDemo', () => {
  it('seeds the embedded database unless DEMO=0, and DATABASE_URL only with DEMO=1', () => {
    expect(configWantsDemo(configFromEnv({}))).toBe(true);
    expect(configWantsDemo(configFromEnv({ DEMO: '0' }))).toBe(false);
    expect(configWantsDemo(configFromEnv({ DATABASE_URL: 'postgres://h/db' }))).toBe(false);
    expect(configWantsDemo(configFromEnv({ DATABASE_URL: 'postgres://h/db', DEMO: '1' }))).toBe(true);
  });
});

describe('configDeadlines', () => {
  it('reads six working-day counts, one per procedure step', () => {
    expect(configDeadlines(configFromEnv({}))).toBeUndefined();
    expect(configDeadlines(configFromEnv({ PROCEDURE_DEADLINES: '1,2,3,4,5,6' }))).toEqual({
      'planner-adjusts': 1,
      'logius-contacted': 2,
      'joint-assessment': 3,
      'planning-adjusted': 4,
      escalated: 5,
      'logius-decides': 6,
    });
    expect(() => configFromEnv({ PROCEDURE_DEADLINES: '2,2' })).toThrow(/PROCEDURE_DEADLINES: moet zes aantallen/);
  });
});

describe('configHorizon', () => {
  it('reads days back and ahead, and leaves the default to shared when unset', () => {
    expect(configHorizon(configFromEnv({}))).toBeUndefined();
    expect(configHorizon(configFromEnv({ PLANNING_HORIZON: '-30,400' }))).toEqual({ daysBack: 30, daysAhead: 400 });
    expect(configHorizon(configFromEnv({ PLANNING_HORIZON: ' 0 , 7 ' }))).toEqual({ daysBack: 0, daysAhead: 7 });
  });

  it('refuses text, a single number and more than a century, naming the variable', () => {
    expect(() => configFromEnv({ PLANNING_HORIZON: 'een jaar' })).toThrow(/PLANNING_HORIZON: moet twee aantallen dagen/);
    expect(() => configFromEnv({ PLANNING_HORIZON: '365' })).toThrow(/PLANNING_HORIZON: moet twee aantallen dagen/);
    expect(() => configFromEnv({ PLANNING_HORIZON: '-365,99999' })).toThrow(/PLANNING_HORIZON: mag aan elke kant hoogstens 36500/);
  });
});
