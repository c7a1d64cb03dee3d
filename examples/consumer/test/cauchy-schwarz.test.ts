// This project's own theorem, checked with the library's runner, exactly as rlaif-props checks
// THEORY's parts: seeded runs, the precondition hit rate, a replayable failure report.
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { checkPart, describeReport, evaluatePart, hitRate, loadRegistry, tagsInForce } from 'rlaif-props';
import { describe, expect, it } from 'vitest';
import { CS } from '../src/cauchy-schwarz.ts';

describe('rlaif-props as a library', () => {
  it('resolves to the built package (dist/index.js through "exports"), not to its sources', () => {
    const resolved = createRequire(import.meta.url).resolve('rlaif-props');
    expect(resolved.endsWith(`${sep}dist${sep}index.js`), resolved).toBe(true);
  });

  it("THEORY's registry is there too", async () => {
    expect((await loadRegistry()).parts.some((p) => p.id === 'T1')).toBe(true);
  });

  it(`${CS.id} holds on 300 seeded runs, and its equality case is reached`, () => {
    const report = checkPart(CS, { numRuns: 300, seed: 20260303 });
    console.log(describeReport(report));
    expect(report.outcome, describeReport(report)).toBe('holds');
    expect(report.runs).toBe(300);
    // About half the draws take u = k·v*; the claim's premise must really be exercised.
    expect(hitRate(report), describeReport(report)).toBeGreaterThanOrEqual(0.3);
  });

  it(`${CS.id} on one instance with a non-isotropic Σ`, () => {
    const inst = { Sigma: [[2, 1], [1, 2]], vStar: [1, 0], g: [0, 0], u: [0, 1] };
    const v = evaluatePart(CS, inst, tagsInForce(CS));
    expect(v.holds).toBe(true);
    // ρ = <u, Σ v*> / (‖u‖_Σ ‖v*‖_Σ) = 1 / (√2 · √2)
    expect(v.quantities.rho).toBeCloseTo(0.5, 12);
    expect(v.pre).toBe(false);
  });
});
