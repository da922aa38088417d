import { afnemersVersion } from '@cd/db';
import type { Context } from 'hono';
import { afnemerNames } from '../services/procedure.js';
import type { AppEnv, NamesAt } from './context.js';

/**
 * The Afnemer names by OIN, read again only when the Afnemers table changed (afnemersVersion, a cheap query): the
 * same map, and with it the same cache of named texts (namesIn), serves every request until then. Read after the
 * version, so never older than it: a rename shows at once.
 */
export async function afnemerNamesAt(c: Context<AppEnv>): Promise<NamesAt> {
  const { sql } = c.get('deps');
  const version = await afnemersVersion(sql);
  return c.get('afnemerNames')(version, 'all', async () => ({ version, names: await afnemerNames(sql) }));
}

/** The current Afnemer names by OIN (see afnemerNamesAt). */
export async function afnemerNamesCurrent(c: Context<AppEnv>): Promise<ReadonlyMap<string, string>> {
  return (await afnemerNamesAt(c)).names;
}
