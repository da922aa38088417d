// The server process: `node server/dist/index.js` (built) or `tsx server/src/index.ts`, on the machine's clock. It
// always starts; the server itself is in server-run.ts, so that a test entry (tests/helpers/server-process.ts) can run
// the same server on the tests' clock without a check of how the process was launched.
import { serverRun } from './server-run.js';

serverRun(() => new Date());
