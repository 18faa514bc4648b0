import adapter from '../../src/exchanges/gate.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => f.hex(32));
