// `npm run size:modules`: which source module costs how much of dist/mrz-scanner.js. Builds the element in
// memory (nothing written) with a source map, gives each minified byte to the module it came from, and
// gzips each module's bytes on their own. A module's gzip alone overstates its share of the whole file (the
// whole compresses better than its parts), so the group totals are scaled to the real gzip size.
// `-- --grep <text>` lists only modules whose path contains <text>. Measured before the build's terser pass
// (vite.config.ts terserPass, off when a source map is asked for), so the total is ~300 B above `npm run size`.
import { gzipSync } from 'node:zlib';
import sourceMap from 'source-map-js';
import { build } from 'vite';

process.env.MRZ_BUILD = 'element';
const [out] = await build({ configFile: 'vite.config.ts', logLevel: 'silent', build: { write: false, sourcemap: true } });
const chunk = out.output.find((o) => o.type === 'chunk');
const lines = chunk.code.split('\n');
const mappings = [];
new sourceMap.SourceMapConsumer(chunk.map).eachMapping((m) => mappings.push(m));
mappings.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);

const name = (source) => (source ?? '(templates and generated code)').replace(/.*node_modules\//, '').replace(/.*\/src\//, 'src/');
const bytes = new Map();
mappings.forEach((m, i) => {
  const next = mappings[i + 1];
  const line = lines[m.generatedLine - 1];
  const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : line.length;
  bytes.set(name(m.source), (bytes.get(name(m.source)) ?? '') + line.slice(m.generatedColumn, end));
});

const gzip = (text) => gzipSync(text, { level: 9 }).length;
const total = gzip(chunk.code.replace(/\n\/\/# sourceMappingURL=.*$/, ''));
const group = (module) =>
  /^(lit|@lit|lit-html|lit-element)\//.test(module) ? 'lit' : module.startsWith('zod/') ? 'zod' : module.startsWith('src/') ? module.split('/').slice(0, module.split('/').length > 2 ? 2 : 1).join('/').replace(/\.ts$/, '') : 'other';
const rows = [...bytes].map(([module, text]) => ({ module, min: Buffer.byteLength(text), gz: gzip(text) })).sort((a, b) => b.gz - a.gz);
const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : '';
console.log('  gzip  minified  module (each gzipped alone)');
for (const r of rows) if (r.module.includes(grep)) console.log(`${String(r.gz).padStart(6)}  ${String(r.min).padStart(8)}  ${r.module}`);
const sum = rows.reduce((s, r) => s + r.gz, 0);
const groups = new Map();
for (const r of rows) groups.set(group(r.module), (groups.get(group(r.module)) ?? 0) + r.gz);
console.log(`\ndist/mrz-scanner.js before terser ${total} B gzip; by group, scaled to that total:`);
for (const [g, v] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`${String(Math.round((v * total) / sum)).padStart(6)}  ${g}`);
