/**
 * The latent model of THEORY §1 behind the representation ceiling (T3, T3s), one concern per
 * file under ./latent/: the model, q and the judges (model.ts); the latent laws and their tilts
 * (tilt.ts); a judge's correlation with V* by its four routes (correlation.ts); the agreement and
 * gain estimates (estimators.ts). This file keeps the public names in one place for importers.
 */
export {
  ceiling, gramMatrix, JUDGE_KINDS, judgeScore, LATENT_KINDS, latentModel, MAX_ENUMERATED, optimalProbe, phiTimes, phiTransposeTimes,
  GRAM_ROUNDING, PINV_RCOND, representationCovariance, scoreSignal, spectralRounding, type JudgeSpec, type LatentKind, type LatentModel,
} from './latent/model.ts';
export { linkBound, sampleCoordinate, tiltedKL, tiltedMean, tiltedQuantile } from './latent/tilt.ts';
export {
  enumeratedCorrelation, judgeCorrelation, monteCarloCorrelation, type CorrelationMethod, type CorrelationResult,
} from './latent/correlation.ts';
export { latentAgreement, latentGain, sampleLatentModel, type Estimate, type GainResult } from './latent/estimators.ts';
// Numerics that used to live here, re-exported for the importers that still read them from here.
export { empiricalBernstein } from '../numeric/bounds.ts';
export { gaussLegendre, normalExpect } from '../numeric/quadrature.ts';
