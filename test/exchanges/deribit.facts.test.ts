import adapter from '../../src/exchanges/deribit.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => f.alnum(10));
