import { describe, expect, it } from 'vitest';
import { CHART_ACTUAL, CHART_BACKGROUND, CHART_SIGNAL, REST_COLOR, SERIES_PALETTE } from './chart-palette';

/** sRGB channels 0..1 of `#rrggbb`. */
function channels(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [m[1]!, m[2]!, m[3]!].map((c) => Number.parseInt(c, 16) / 255) as [number, number, number];
}
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG 2.1 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.1 contrast ratio, 1..21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CIELAB (D65) of an sRGB colour. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const x = f((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
  const y = f(0.2126729 * r + 0.7151522 * g + 0.072175 * b);
  const z = f((0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

/** CIEDE2000 colour difference (Sharma, Wu and Dalal 2005). */
function deltaE2000(c1: string, c2: string): number {
  const [l1, a1, b1] = lab(c1);
  const [l2, a2, b2] = lab(c2);
  const rad = Math.PI / 180;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  let dh = 0;
  if (c1p * c2p !== 0) {
    dh = h2p - h1p;
    if (dh > 180) dh -= 360;
    else if (dh < -180) dh += 360;
  }
  const dL = l2 - l1;
  const dC = c2p - c1p;
  const dH = 2 * Math.sqrt(c1p * c2p) * Math.sin((dh * rad) / 2);
  const lBar = (l1 + l2) / 2;
  const cBarP = (c1p + c2p) / 2;
  let hBar = h1p + h2p;
  if (c1p * c2p !== 0) hBar = Math.abs(h1p - h2p) > 180 ? (h1p + h2p + (h1p + h2p < 360 ? 360 : -360)) / 2 : (h1p + h2p) / 2;
  const t =
    1 - 0.17 * Math.cos((hBar - 30) * rad) + 0.24 * Math.cos(2 * hBar * rad) + 0.32 * Math.cos((3 * hBar + 6) * rad) - 0.2 * Math.cos((4 * hBar - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hBar - 275) / 25) ** 2));
  const rC = 2 * Math.sqrt(cBarP ** 7 / (cBarP ** 7 + 25 ** 7));
  const sL = 1 + (0.015 * (lBar - 50) ** 2) / Math.sqrt(20 + (lBar - 50) ** 2);
  const sC = 1 + 0.045 * cBarP;
  const sH = 1 + 0.015 * cBarP * t;
  const rT = -Math.sin(2 * dTheta * rad) * rC;
  return Math.sqrt((dL / sL) ** 2 + (dC / sC) ** 2 + (dH / sH) ** 2 + rT * (dC / sC) * (dH / sH));
}

const SERIES = [...SERIES_PALETTE, REST_COLOR];
const pairs = <T>(xs: readonly T[]) => xs.flatMap((a, i) => xs.slice(i + 1).map((b) => [a, b] as const));

describe('the colour measures', () => {
  it('match published values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(deltaE2000('#ffffff', '#ffffff')).toBe(0);
    expect(deltaE2000('#000000', '#ffffff')).toBeCloseTo(100, 0);
    // The widely quoted ΔE2000 of pure sRGB red against pure green.
    expect(deltaE2000('#ff0000', '#00ff00')).toBeCloseTo(86.61, 1);
    expect(deltaE2000('#ffb612', '#ffb000')).toBeLessThan(5);
  });
});

describe('SERIES_PALETTE', () => {
  it('gives every series at least 3:1 against the chart background', () => {
    for (const c of SERIES) expect(contrast(c, CHART_BACKGROUND), c).toBeGreaterThanOrEqual(3);
  });

  it('keeps any two series apart by ΔE2000 ≥ 18', () => {
    for (const [a, b] of pairs(SERIES)) expect(deltaE2000(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(18);
  });

  it('keeps neighbours in the stack apart by ΔE2000 ≥ 25 and 1.4:1 in lightness', () => {
    for (let i = 0; i + 1 < SERIES_PALETTE.length; i++) {
      const [a, b] = [SERIES_PALETTE[i]!, SERIES_PALETTE[i + 1]!];
      expect(deltaE2000(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(25);
      expect(contrast(a, b), `${a} ${b}`).toBeGreaterThanOrEqual(1.4);
    }
  });

  it('keeps the grey of the other Afnemers apart from every series, since any can be its neighbour', () => {
    for (const c of SERIES_PALETTE) expect(deltaE2000(c, REST_COLOR), c).toBeGreaterThanOrEqual(20);
  });

  it('uses neither the warning colour nor anything near it or near the overload red and the capacity line', () => {
    expect(SERIES.map((c) => c.toLowerCase())).not.toContain(CHART_SIGNAL.warning);
    for (const c of SERIES) {
      expect(deltaE2000(c, CHART_SIGNAL.warning), c).toBeGreaterThanOrEqual(20);
      expect(deltaE2000(c, CHART_SIGNAL.overload), c).toBeGreaterThanOrEqual(15);
      expect(deltaE2000(c, CHART_SIGNAL.capacity), c).toBeGreaterThanOrEqual(20);
    }
  });

  it('would fail the colours the issue found (RDW #ffb612 beside Gemeente Amsterdam #8fcae7)', () => {
    expect(contrast('#ffb612', CHART_BACKGROUND)).toBeLessThan(3);
    expect(contrast('#ffb612', '#8fcae7')).toBeLessThan(1.4);
  });
});

describe('CHART_ACTUAL', () => {
  it('stands out from the background, the series, the grey and the signals, so the actual line reads over any band', () => {
    expect(contrast(CHART_ACTUAL, CHART_BACKGROUND)).toBeGreaterThanOrEqual(4.5);
    for (const c of [...SERIES_PALETTE, REST_COLOR, CHART_SIGNAL.overload, CHART_SIGNAL.warning, CHART_SIGNAL.capacity]) {
      expect(deltaE2000(CHART_ACTUAL, c), c).toBeGreaterThanOrEqual(12);
    }
  });
});
