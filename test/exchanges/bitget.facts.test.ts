import adapter from '../../src/exchanges/bitget.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => `bg_${f.hex(32)}`);
