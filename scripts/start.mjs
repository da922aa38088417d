// `pnpm start`: builds only when the sources changed since the last build (scripts/build.mjs keeps a stamp with the
// hash of its inputs), then runs the built server, `node server/dist/index.js`, with this process's environment.
// Its own lines go to stderr: stdout carries only the server's log lines (JSON when it is not a terminal).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildAll, buildIsCurrent, SERVER_DIST } from './build.mjs';

if (buildIsCurrent()) console.error('De build is actueel; de server start zonder opnieuw te bouwen.');
else {
  console.error('De bronnen zijn gewijzigd (of er is nog geen build): bouwen ...');
  try {
    await buildAll('all');
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}

const server = spawn(process.execPath, [join(SERVER_DIST, 'index.js')], { stdio: 'inherit' });
// The server stops gracefully on SIGINT/SIGTERM; pass them on and leave with its exit code.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
