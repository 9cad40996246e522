// Types for scripts/camera-fixtures.js (plain JS so the WTR config can run it), used by the Node tests.
export interface CameraFixtures {
  dir: string;
  png: string;
  sharp: string;
  blurred: string;
  manifest: string;
}
export function cardMrz(): [string, string, string];
export function buildCameraFixtures(options?: { force?: boolean }): CameraFixtures;
