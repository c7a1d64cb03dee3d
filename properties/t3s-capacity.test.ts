// T3s: capacity scaling of the representation quality q (nested models, noise level).
import T3s from '../src/theorems/t3s-capacity.ts';
import { verifyFamily } from './support/suite.ts';

verifyFamily(T3s);
