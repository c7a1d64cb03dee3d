// T7: refusal direction and low-rank safety subspace (R4).
import T7 from '../src/theorems/t7-refusal.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T7);
