import adapter from '../../src/exchanges/htx.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => `${f.hex(8)}-${f.hex(8)}-${f.hex(8)}-${f.hex(5)}`);
