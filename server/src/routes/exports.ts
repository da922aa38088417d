import { TableExportInput, tableExportFileName } from '@cd/shared';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { tableXlsx } from '../lib/table-xlsx.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Decision 013: the web sends the table as it shows it, so the file holds exactly that. The route reads no data, so
// no Afnemer can get anything here that it did not already see; it still needs a signed-in user.
export const exportsRouter = apiRouter().openapi(
  apiRoute({
    method: 'post',
    path: '/xlsx',
    operationId: 'createTableExport',
    tags: ['Rapportages'],
    summary: 'Tabel als Excel-bestand (XLSX)',
    description:
      'Een tabel zoals het dashboard hem toont (met de filters) als Excel-bestand (XLSX): blad 1 de tabel, blad 2 de filters, het aantal rijen en wie hem wanneer downloadde.',
    request: {
      body: {
        required: true,
        content: {
          'application/json': {
            schema: TableExportInput,
            example: {
              title: 'Verzendmomenten',
              columns: ['Kenmerk', 'Verzendmoment', 'Berichten'],
              rows: [['BD-2027-001', 'ma 4 jan 2027 08:00', '120.000']],
              filters: 'Afnemer: Belastingdienst',
            },
          },
        },
      },
    },
    responses: { 200: { description: 'Het Excel-bestand', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } } },
  }),
  async (c) => {
    const user = userRequire(c);
    const body = c.req.valid('json');
    const bytes = await tableXlsx(body, c.get('deps').now(), user.email);
    return c.body(bytes, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${tableExportFileName(body.title)}"`,
    });
  },
);
