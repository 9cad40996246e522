// Placeholder so vite.config.ts resolves; server-helper replaces this file with the real plugin.
import type { Plugin } from 'vite';
export function mrzServerPlugin(): Plugin {
  return { name: 'mrz-server-placeholder' };
}
