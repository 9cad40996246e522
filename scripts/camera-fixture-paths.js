// Where scripts/camera-fixtures.js writes the fake-camera videos. Plain JS without imports from src/, so
// web-test-runner.config.js can read the paths without TypeScript. Bump VERSION when the rendering changes.
import { fileURLToPath } from 'node:url';

const VERSION = 1;
export const FRAME_WIDTH = 1280;
export const FRAME_HEIGHT = 720;

const dir = fileURLToPath(new URL(`../.cache/camera/v${VERSION}/`, import.meta.url));
export const CAMERA_FIXTURES = {
  dir,
  png: `${dir}card.png`,
  /** Absolute paths: Chromium's --use-file-for-fake-video-capture needs them (TOOLCHAIN-NOTES P14). */
  sharp: `${dir}card-sharp.y4m`,
  blurred: `${dir}card-blurred.y4m`,
  manifest: `${dir}card.json`,
};
