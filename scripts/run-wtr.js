// Runs the browser suite in one browser: `node scripts/run-wtr.js chromium|firefox|webkit [wtr args…]`.
// WebKitGTK's MiniBrowser has no headless mode, so its run happens under Xvfb with WebKitWebDriver beside it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath } from './browsers.js';

const [browser = 'chromium', ...rest] = process.argv.slice(2);
const env = { ...process.env, MRZ_BROWSER: browser };

function need(path, hint) {
  if (!existsSync(path)) {
    console.error(`${browser}: ${path} not found — ${hint}`);
    process.exit(1);
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}

const wtr = ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.js', ...rest];

if (browser === 'chromium') {
  chromiumPath();
  run(process.execPath, wtr);
} else if (browser === 'firefox') {
  need(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr', 'install it with `apt-get install -y firefox-esr`');
  run(process.execPath, wtr);
} else if (browser === 'webkit') {
  need('/usr/bin/WebKitWebDriver', 'install it with `apt-get install -y webkit2gtk-driver`');
  if (!process.env.DISPLAY) {
    need('/usr/bin/xvfb-run', 'install it with `apt-get install -y xvfb xauth`');
    run('xvfb-run', ['-a', '-s', '-screen 0 1280x1024x24', process.execPath, ...process.argv.slice(1)]);
  }
  const port = String(4445 + Math.floor(Math.random() * 500));
  env.WEBKIT_DRIVER_PORT = port;
  const driver = spawn('/usr/bin/WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 1000));
  const child = spawn(process.execPath, wtr, { stdio: 'inherit', env });
  child.on('exit', (code) => {
    driver.kill();
    process.exit(code ?? 1);
  });
} else {
  console.error(`unknown browser "${browser}" (chromium, firefox or webkit)`);
  process.exit(2);
}
