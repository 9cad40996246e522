import { defineConfig, type UserConfig } from 'vite';
import { mrzServerPlugin } from './src/server/vite-plugin.js';

/**
 * One config, three outputs, picked by MRZ_BUILD (scripts/build.js runs each in turn):
 *  - element (default for `vite build`): dist/mrz-scanner.js, ONE self-contained ES module, Lit bundled;
 *  - mrz: dist/mrz.js, the pure MRZ module for Node and browsers;
 *  - server: dist/server.js + dist/server-cli.js for Node (dependencies stay external).
 * `vite` (no build) serves demo/ with the reference backend mounted at /api.
 */
const target = process.env.MRZ_BUILD ?? 'element';

function library(entry: string, fileName: string): UserConfig {
  return {
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
          input: { server: 'src/server/index.ts', 'server-cli': 'src/server/cli.ts' },
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'server-[name]-[hash].js' },
        },
      },
    };
  }
  return library('src/index.ts', 'mrz-scanner.js');
});
