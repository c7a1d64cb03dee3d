// T2: the self-improvement condition and the generation–judgment gap.
import T2 from '../src/theorems/t2-self-improvement.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T2);
