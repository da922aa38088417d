import { LoadQuery, LoadResponse, loadBase, loadView } from '@cd/shared';
import { afnemerNamesAt } from '../lib/afnemer-names.js';
import { afnemerScope, userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { ProblemError } from '../lib/problem.js';
import { loadActualsJson } from '../services/load-actuals.js';
import { bytesOfText, cachedJson } from '../lib/bytes-cache.js';

const MAX_POINTS = 10_000;
const BUCKET_MINUTES = { '15m': 15, '1h': 60, '1d': 1440 } as const;

export const load = apiRouter().openapi(
  apiRoute({
    method: 'get',
    path: '/',
    tags: ['Capaciteit'],
    operationId: 'getLoad',
    summary: 'Belasting tegen capaciteit',
    description:
      'Per bucket (15m, 1h of 1d) de capaciteit, de belasting (totaal, concept en definitief, per Afnemer: de tien grootste plus overig, of voor een planner de eigen Afnemer tegen de rest), de benutting, de wachtrij en de toestand (waarschuwing of overbelasting). Voor voorbije buckets ook de werkelijk verzonden berichten en het deel daarvan dat onaangekondigd was (een planner: alleen de eigen Afnemer).',
    request: { query: LoadQuery },
    responses: { 200: { description: 'De reeksen', content: { 'application/json': { schema: LoadResponse } } } },
  }),
  async (c) => {
    const user = userRequire(c);
    const q = c.req.valid('query');
    const from = Date.parse(q.from);
    const to = Date.parse(q.to);
    if (!(to > from)) throw new ProblemError(400, '"to" moet na "from" liggen.', [{ field: 'to', message: 'Moet na from liggen.' }]);
    const points = (to - from) / 60_000 / BUCKET_MINUTES[q.bucket];
    if (points > MAX_POINTS) {
      throw new ProblemError(
        400,
        `Dit zijn ${Math.ceil(points).toLocaleString('nl-NL')} punten; het maximum is ${MAX_POINTS.toLocaleString('nl-NL')}. Kies een grotere bucket of een kortere periode.`,
        [{ field: 'bucket', message: 'Te fijn voor deze periode.' }],
      );
    }
    const { sql } = c.get('deps');
    const planning = c.get('planning');
    const [inputs, { names, version: namesVersion }] = await Promise.all([planning.get(sql), afnemerNamesAt(c)]);
    const scope = afnemerScope(user);
    // The names are part of the view: a renamed Afnemer shows at once, not after the next planning change.
    const viewKey = `load|${from}|${to}|${q.bucket}|${scope ?? '*'}|${namesVersion}`;
    // What all views of this range share is computed once per version: after a change, every planner's dashboard
    // asks at once, and each of their views then costs only its own windows. The actuals' unannounced part reads it too.
    const base = () => planning.remember(inputs.version, `base|${from}|${to}`, () => loadBase({ from, to, ...inputs }));
    const body = planning.remember(inputs.version, viewKey, () =>
      JSON.stringify(loadView({ from, to, bucket: q.bucket, ...inputs, names, ownAfnemer: scope }, base())),
    );
    // Already serialised (and shared by everyone asking the same between two changes). The actuals are not part of
    // the planning version, so their two columns are computed per request and added to the end of the object.
    const actual = await loadActualsJson(c, inputs.version, base, from, to, q.bucket, scope);
    // The two joined as sent, kept as long as both are (the actuals' key names what they hold).
    const sent = planning.remember(inputs.version, `sent|${viewKey}|${actual.key}`, () => bytesOfText(`${body.slice(0, -1)},${actual.json.slice(1)}`, 0));
    return cachedJson(c, sent) as never;
  },
);
