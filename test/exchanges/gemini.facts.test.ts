import adapter from '../../src/exchanges/gemini.js';
import { describeFactsCases } from './adapter-cases.js';

describeFactsCases(adapter, (f) => `account-${f.alnum(20)}`);
