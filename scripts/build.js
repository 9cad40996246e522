// Builds every artefact the package ships: the element bundle, the MRZ module, the server, and types.
import { build } from 'vite';
import { existsSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

rmSync('dist', { recursive: true, force: true });
for (const target of ['element', 'mrz', ...(existsSync('src/server/index.ts') ? ['server'] : [])]) {
  process.env.MRZ_BUILD = target;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
}
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
console.log('built dist/mrz-scanner.js, dist/mrz.js' + (existsSync('dist/server.js') ? ', dist/server.js' : '') + ' and dist/types/');
