import { prognoseTemplateCsv } from '@cd/shared';
import { userRequire } from '../lib/context.js';
import { apiRoute, apiRouter } from '../lib/openapi.js';
import { prognoseTemplateXlsx } from '../lib/prognose-xlsx.js';
import { XLSX_TYPE } from '../lib/prognose-upload.js';

export const prognoseTemplates = apiRouter()
  .openapi(
    apiRoute({
      method: 'get',
      path: '/template.csv',
      tags: ['Prognoses'],
      operationId: 'getPrognoseTemplateCsv',
      summary: 'Sjabloon als CSV',
      description: 'Een leeg sjabloon voor een aanlevering als CSV, met de kolommen in de volgorde die de upload verwacht.',
      responses: { 200: { description: 'CSV-sjabloon', content: { 'text/csv': { schema: { type: 'string' } } } } },
    }),
    (c) => {
      userRequire(c);
      return c.body(prognoseTemplateCsv(), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="prognose-sjabloon.csv"',
      });
    },
  )
  .openapi(
    apiRoute({
      method: 'get',
      path: '/template.xlsx',
      tags: ['Prognoses'],
      operationId: 'getPrognoseTemplateXlsx',
      summary: 'Sjabloon als Excel-bestand',
      description: 'Hetzelfde sjabloon als Excel-bestand (XLSX).',
      responses: { 200: { description: 'XLSX-sjabloon', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } } },
    }),
    async (c) => {
      userRequire(c);
      const body = await prognoseTemplateXlsx();
      return c.body(new Uint8Array(body), 200, {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': 'attachment; filename="prognose-sjabloon.xlsx"',
      });
    },
  );
