// Browser tests (test/**/*.browser.test.ts) in a real browser. Which one: MRZ_BROWSER=chromium|firefox|webkit
// (scripts/run-wtr.js sets it, starts WebKitWebDriver and Xvfb where needed). See TOOLCHAIN-NOTES.md.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { puppeteerLauncher } from '@web/test-runner-puppeteer';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumPath, chromiumArgs } from './scripts/browsers.js';
import { cameraGroups } from './scripts/camera-groups.js';

const require = createRequire(import.meta.url);
const browserName = process.env.MRZ_BROWSER ?? 'chromium';
const files = process.env.MRZ_TEST_FILES ? process.env.MRZ_TEST_FILES.split(',') : ['test/**/*.browser.test.ts'];
// test/camera/** needs a browser launched with fake-camera flags: it runs in its own groups (camera-groups.js).
const camera = cameraGroups(browserName, files);

/** msw's worker must be served at the site root so that its scope covers the test page (TOOLCHAIN-NOTES §7). */
const mswWorker = {
  name: 'msw-worker',
  serve(context) {
    if (context.path === '/mockServiceWorker.js') {
      return { body: readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8'), type: 'js' };
    }
  },
};

function browser() {
  if (browserName === 'firefox') {
    return puppeteerLauncher({
      launchOptions: {
        browser: 'firefox',
        executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
        headless: true,
        extraPrefsFirefox: {
          'media.navigator.streams.fake': true,
          'media.navigator.permission.disabled': true,
        },
      },
    });
  }
  if (browserName === 'webkit') {
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port: Number(process.env.WEBKIT_DRIVER_PORT ?? 4445),
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': {
          binary: process.env.WEBKIT_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
          args: ['--automation', '--enable-media-stream=true', '--enable-mock-capture-devices=true'],
        },
      },
    });
  }
  return chromeLauncher({
    launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs() },
  });
}

export default {
  files: camera.files,
  groups: camera.groups,
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    mswWorker,
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  browsers: [browser()],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 180000,
  testFramework: { config: { timeout: 15000 } },
};
