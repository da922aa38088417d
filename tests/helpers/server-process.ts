// The entry of a real server process on the tests' clock (tests/helpers/e2e-clock.ts: TEST_NOW, or the default
// instant): `node --import tsx tests/helpers/server-process.ts`, started through serverOnTestClock. The server is the
// one of server/src/server-run.ts, from the environment, but its app, demo data and timers read e2eNow instead of the
// machine's clock. server/src never reads TEST_NOW; only this test entry does.
import { serverRun } from '../../server/src/server-run.js';
import { e2eNow } from './e2e-clock.js';

serverRun(e2eNow);
