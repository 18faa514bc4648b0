import adapter from '../../src/exchanges/coinbase.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => `organizations/${f.uuid()}/apiKeys/${f.uuid()}`);
