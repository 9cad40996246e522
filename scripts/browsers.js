// Where the system browsers are, and the flags they need on a root, offline CI machine.
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found) {
    console.error('No Chromium found: install it (Debian: `apt-get install -y chromium`) or set CHROME_PATH.');
    process.exit(1);
  }
  return found;
}

/** Root needs --no-sandbox; the closed network makes background fetches fail noisily. */
export function chromiumArgs(extra = []) {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    ...extra,
  ];
}
