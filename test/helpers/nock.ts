/** nock around every test of the calling file or describe block: real connections refused, mocks dropped after. */
import nock from 'nock';
import { afterEach, beforeEach } from 'vitest';

export function refuseRealNetwork(): void {
  beforeEach(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}
