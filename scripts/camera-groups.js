// Web Test Runner groups for test/camera/**: each needs its own browser process because the fake camera
// is chosen by launch flags (TOOLCHAIN-NOTES §8).
//
// Chromium only can feed *our* card video into a fake camera (--use-file-for-fake-video-capture), so:
//   camera          test/camera/*.browser.test.ts          fake camera = the sharp card, permission granted
//   camera-blurred  test/camera/blurred/*.browser.test.ts  fake camera = the same card out of focus
//   camera-denied   test/camera/denied/*.browser.test.ts   no --use-fake-ui-for-media-stream: permission denied
//   camera-bench    bench/camera.browser-bench.ts          only with MRZ_CAMERA_BENCH=1 (npm run bench:camera)
// Firefox and WebKitGTK only have synthetic fake devices (solid green / grey pattern, enabled in the main
// config's launcher): there the image-independent lifecycle tests (test/camera/lifecycle.*) run in the
// default group with the main browser, and everything that needs the card image is excluded.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, chromiumPath } from './browsers.js';
import { CAMERA_FIXTURES } from './camera-fixture-paths.js';

const FAKE_DEVICE = ['--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

function chromium(extra) {
  return chromeLauncher({
    launchOptions: {
      executablePath: chromiumPath(),
      headless: true,
      args: chromiumArgs([...FAKE_DEVICE, ...extra]),
    },
  });
}

/** Renders the card videos once (ImageMagick + ffmpeg, ~5 s); later runs reuse .cache/camera/. */
function ensureFixtures() {
  if ([CAMERA_FIXTURES.sharp, CAMERA_FIXTURES.blurred].every(existsSync)) return;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/camera-fixtures.js'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/camera-fixtures.js failed: the camera tests need its videos');
}

/**
 * `selection` is the main config's file list: the default glob, or MRZ_TEST_FILES' explicit paths — then
 * a group keeps only the selected files that belong to it, and is dropped when none do.
 */
export function cameraGroups(browserName, selection) {
  const explicit = Boolean(process.env.MRZ_TEST_FILES);
  const pick = (glob, test) => (explicit ? selection.filter((f) => test.test(f.replace(/^\.\//, ''))) : [glob]);
  const specs =
    browserName === 'chromium'
      ? [
          {
            name: 'camera',
            files: pick('test/camera/*.browser.test.ts', /^test\/camera\/[^/]+\.browser\.test\.ts$/),
            browser: () =>
              chromium([
                '--use-fake-ui-for-media-stream',
                `--use-file-for-fake-video-capture=${CAMERA_FIXTURES.sharp}`,
              ]),
          },
          {
            name: 'camera-blurred',
            files: pick('test/camera/blurred/*.browser.test.ts', /^test\/camera\/blurred\//),
            browser: () =>
              chromium([
                '--use-fake-ui-for-media-stream',
                `--use-file-for-fake-video-capture=${CAMERA_FIXTURES.blurred}`,
              ]),
          },
          {
            name: 'camera-denied',
            files: pick('test/camera/denied/*.browser.test.ts', /^test\/camera\/denied\//),
            browser: () => chromium([`--use-file-for-fake-video-capture=${CAMERA_FIXTURES.sharp}`]),
          },
          ...(process.env.MRZ_CAMERA_BENCH === '1'
            ? [
                {
                  name: 'camera-bench',
                  files: ['bench/camera.browser-bench.ts'],
                  browser: () =>
                    chromium([
                      '--use-fake-ui-for-media-stream',
                      `--use-file-for-fake-video-capture=${CAMERA_FIXTURES.sharp}`,
                    ]),
                },
              ]
            : []),
        ]
      : [];
  const exclude =
    browserName === 'chromium'
      ? ['!test/camera/**']
      : ['!test/camera/blurred/**', '!test/camera/denied/**', '!test/camera/card-*'];
  const groups = specs
    .filter((s) => s.files.length > 0)
    .map((s) => ({ name: s.name, files: s.files, browsers: [s.browser()] }));
  if (browserName === 'chromium' && groups.length > 0) ensureFixtures();
  // WTR fails on a default group that matches nothing: an explicit selection of camera tests only has none.
  const taken = new Set(groups.flatMap((g) => g.files));
  const files = explicit && selection.every((f) => taken.has(f)) ? undefined : [...selection, ...exclude];
  return { groups, files };
}
