import { minify } from 'terser';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { mrzServerPlugin } from './src/server/vite-plugin.js';
import { packMessages } from './scripts/pack-messages.js';

/**
 * One config, three outputs, picked by MRZ_BUILD (scripts/build.js runs each in turn):
 *  - element (default for `vite build`): dist/mrz-scanner.js, ONE self-contained ES module, Lit bundled;
 *  - mrz: dist/mrz.js, the pure MRZ module for Node and browsers;
 *  - server: dist/server.js + dist/server-cli.js for Node (dependencies stay external).
 * `vite` (no build) serves demo/ with the reference backend mounted at /api.
 */
const target = process.env.MRZ_BUILD ?? 'element';

/**
 * The minifier leaves template literals alone, so the indentation of Lit's css`` and html`` templates would
 * ship. Collapse each run of whitespace that holds a line break to one space (HTML and CSS render that the
 * same; no template here uses <pre> or `white-space: pre`), and in CSS drop comments, the spaces around
 * `{ } ; ,` and after `:` (never significant in a selector or a declaration). Quasis are found with the parser, so `${…}` expressions are never touched.
 */
function minifyTemplates(): Plugin {
  type Node = { type?: string; [key: string]: unknown };
  type Quasi = { start: number; end: number; value: { raw: string } };
  return {
    name: 'mrz:minify-templates',
    apply: 'build',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits: { start: number; end: number; text: string }[] = [];
      const visit = (node: unknown): void => {
        if (!node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(visit);
        const n = node as Node;
        const tag = n.type === 'TaggedTemplateExpression' ? (n.tag as Node & { name?: string }).name : undefined;
        if (tag === 'css' || tag === 'html') {
          for (const q of (n.quasi as { quasis: Quasi[] }).quasis) {
            if (code.slice(q.start, q.end) !== q.value.raw) continue; // offsets not as expected: leave it
            // Between two tags such whitespace is a text node nobody sees (no inline layout depends on it here).
            let text = q.value.raw.replace(/>\s*\n\s*</g, '><').replace(/^\s*\n\s*</, '<').replace(/>\s*\n\s*$/, '>');
            text = text.replace(/\s*\n\s*/g, ' ');
            if (tag === 'css') text = text.replace(/\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//g, '').replace(/\s*([{};,])\s*/g, '$1').replace(/:\s+/g, ':');
            if (text !== q.value.raw) edits.push({ start: q.start, end: q.end, text });
          }
        }
        for (const key in n) if (key !== 'type') visit(n[key]);
      };
      visit(this.parse(code));
      if (edits.length === 0) return null;
      edits.sort((a, b) => b.start - a.start);
      for (const e of edits) code = code.slice(0, e.start) + e.text + code.slice(e.end);
      return { code, map: null };
    },
  };
}

/**
 * Lit's browser build touches the DOM while it loads: lit-html creates a TreeWalker on `document` and
 * ReactiveElement extends `HTMLElement`. Guarding those two spots lets the bundle import the element
 * statically and still load where there is no DOM (Node, server rendering: test/index.test.ts), without
 * the lazy `import()` whose per-module init wrappers cost ~1.1 KB gzip. Browsers see the same objects.
 * Fails the build when a Lit update moves the code, rather than shipping a bundle that breaks in Node.
 */
function litWithoutDom(): Plugin {
  const patches: [RegExp, string, string][] = [
    [/\/lit-html\/lit-html\.js$/, 'l=document,', 'l=globalThis.document,'],
    [/\/lit-html\/lit-html\.js$/, 'P=l.createTreeWalker(l,129)', 'P=l?.createTreeWalker(l,129)'],
    [/\/@lit\/reactive-element\/reactive-element\.js$/, 'class y extends HTMLElement{', 'class y extends(globalThis.HTMLElement??class{}){'],
  ];
  return {
    name: 'mrz:lit-without-dom',
    apply: 'build',
    transform(code, id) {
      let patched = code;
      for (const [file, from, to] of patches) {
        if (!file.test(id)) continue;
        if (!patched.includes(from)) this.error(`${id}: "${from}" not found; update litWithoutDom() for this Lit version`);
        patched = patched.replace(from, to);
      }
      return patched === code ? null : { code: patched, map: null };
    },
  };
}

/**
 * A second minification pass over the finished chunk: terser's compressor (three passes) still finds ~300 B
 * gzip that oxc leaves (merged declarations, folded conditionals); only safe transforms, no `unsafe_*`.
 */
function terserPass(): Plugin {
  let enabled = true;
  return {
    name: 'mrz:terser',
    apply: 'build',
    configResolved(config) {
      // Off for `npm run size`'s unminified "raw" build and for size:modules' source-mapped one (terser would
      // need the map threaded through; the attribution is made on oxc's output instead).
      enabled = config.build.minify !== false && !config.build.sourcemap;
    },
    async generateBundle(_, bundle) {
      if (!enabled) return;
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const result = await minify(chunk.code, { module: true, ecma: 2020, compress: { passes: 3 }, mangle: true, format: { comments: false } });
        if (result.code === undefined) this.error(`terser returned nothing for ${chunk.fileName}`);
        chunk.code = result.code;
      }
    },
  };
}

function library(entry: string, fileName: string): UserConfig {
  return {
    plugins: [minifyTemplates(), litWithoutDom(), packMessages(), terserPass()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target: 'es2022',
      sourcemap: false,
      lib: { entry, formats: ['es'], fileName: () => fileName },
      minify: 'oxc',
      rolldownOptions: {
        external: [],
        // Vite 8's lib mode keeps whitespace unless the output minifier is asked for (TOOLCHAIN-NOTES P15).
        output: { codeSplitting: false, minify: true, comments: false },
      },
    },
  };
}

export default defineConfig(({ command }) => {
  if (command === 'serve') {
    return {
      root: 'demo',
      publicDir: false,
      server: { host: '127.0.0.1', port: 5173, open: false },
      plugins: [mrzServerPlugin()],
    };
  }
  if (target === 'mrz') return library('src/mrz/index.ts', 'mrz.js');
  if (target === 'server') {
    return {
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        target: 'node20',
        ssr: true,
        minify: false,
        rolldownOptions: {
          input: { server: 'src/server/index.ts', 'server-cli': 'src/server/cli.ts', 'recognizer-worker': 'src/server/local-pool/recognizer-worker.ts' },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'server-[name]-[hash].js' },
        },
      },
    };
  }
  return library('src/index.ts', 'mrz-scanner.js');
});
