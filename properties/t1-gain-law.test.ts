// T1: the KL-budgeted gain law and its corollaries, under `linear-value`.
import T1 from '../src/theorems/t1-gain-law.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T1);
