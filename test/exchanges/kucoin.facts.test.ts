import adapter from '../../src/exchanges/kucoin.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => f.hex(24));
