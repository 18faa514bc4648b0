import adapter from '../../src/exchanges/bitfinex.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => f.alnum(43));
