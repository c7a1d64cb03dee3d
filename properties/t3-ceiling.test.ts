// T3: the representation ceiling q bounds every judge's correlation, agreement and gain, under
// `gaussian-latents`, `linear-judge`, `linear-value`.
import T3 from '../src/theorems/t3-ceiling.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T3);
