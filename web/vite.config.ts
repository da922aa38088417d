import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes name.br (brotli, quality 11) and name.gz (gzip, level 9) beside every compressible file of the build, so the
 * server (server/src/lib/static.ts) sends them by Accept-Encoding without compressing per request. A variant that
 * saves nothing is not written.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'cd-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (await readdir(outDir, { recursive: true })).filter((f) => COMPRESSIBLE.test(f));
      await Promise.all(
        files.map(async (f) => {
          const path = join(outDir, f);
          const raw = await readFile(path);
          const [br, gz] = await Promise.all([
            brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gzipAsync(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) await writeFile(`${path}.br`, br);
          if (gz.length < raw.length) await writeFile(`${path}.gz`, gz);
        }),
      );
    },
  };
}

/**
 * The first load of the overview in three files instead of eighteen (each response costs its headers, decision 014):
 * - the entry: everything main.tsx imports statically (Preact, react-query, the shell, the Dutch messages);
 * - `overview`: everything the overview page imports statically beyond that, also what other pages share with it;
 * - `chart`: recharts and its dependencies, loaded when the chart is drawn (the summary does not wait for it).
 * The sets are the module graph's own, computed after the build's module graph is complete (buildEnd), so a new
 * import lands in the right file without a list to keep. Other pages keep Rolldown's automatic chunks. The group
 * holding the entry module becomes the entry chunk (index-[hash].js) itself.
 */
function chunkPlan(): { plugin: Plugin; groups: { name: string; test: (id: string) => boolean; priority: number }[] } {
  const entry = new Set<string>();
  const overview = new Set<string>();
  const chart = new Set<string>();
  const plugin: Plugin = {
    name: 'cd-chunk-plan',
    apply: 'build',
    buildEnd() {
      const reach = (from: string[], into: Set<string>, except: Set<string>) => {
        const todo = [...from];
        while (todo.length) {
          const id = todo.pop()!;
          if (into.has(id) || except.has(id)) continue;
          into.add(id);
          todo.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      };
      const ids = [...this.getModuleIds()];
      const find = (suffix: string) => {
        const found = ids.filter((id) => id.replace(/\\/g, '/').endsWith(suffix));
        if (!found.length) this.error(`chunk plan: ${suffix} is not in the build; update web/vite.config.ts`);
        return found;
      };
      reach(
        ids.filter((id) => this.getModuleInfo(id)?.isEntry),
        entry,
        new Set(),
      );
      reach(find('/src/app/routes/overview-page.tsx'), overview, entry);
      reach(find('/src/features/load/components/load-chart.tsx'), chart, new Set([...entry, ...overview]));
    },
  };
  return {
    plugin,
    groups: [
      { name: 'app', test: (id) => entry.has(id), priority: 3 },
      { name: 'overview', test: (id) => overview.has(id), priority: 2 },
      { name: 'chart', test: (id) => chart.has(id), priority: 1 },
    ],
  };
}
const chunks = chunkPlan();

/**
 * React's API, run by Preact (preact/compat): the same components, react-query and recharts, about 45 KB less
 * JavaScript on the first load (decision 014). The sources keep importing 'react' and keep React's types.
 */
const PREACT_ALIASES = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  // recharts asks react-is whether a child is a Fragment: React's react-is does not know Preact's elements, compat's does.
  { find: /^react-is$/, replacement: 'preact/compat' },
];

export default defineConfig({
  plugins: [precompress(), chunks.plugin],
  resolve: { alias: PREACT_ALIASES, dedupe: ['preact'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: { codeSplitting: { groups: chunks.groups } },
      // react-query marks its modules "use client" for React Server Components; a client bundle has no use for it.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('"use client"')) return;
        warn(warning);
      },
    },
  },
});
