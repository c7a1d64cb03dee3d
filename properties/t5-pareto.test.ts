// T5: the multi-objective Pareto cone — Gordan's alternative, the two-objective share, monotonicity
// in the number of objectives, and harmless mixtures of non-conflicting values.
import T5 from '../src/theorems/t5-pareto.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T5);
