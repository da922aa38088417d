// `pnpm bench`: the planning core's detection benchmark, then the end-to-end figures on a real database.
import { run as planning } from './planning.js';
import { run as api } from './api.js';
import { run as blocking } from './blocking.js';

console.log('== Planningskern (zuiver, in het geheugen)');
await planning({ print: true });
console.log('\n== API op PostgreSQL');
await api({ print: true });
console.log('\n== Andere gebruikers tijdens een pathologische aanlevering');
await blocking({ print: true });
process.exit(0);
