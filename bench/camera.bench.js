// `npm run bench:camera`: per-frame cost of the auto-capture analysis and long tasks during 10 s of live
// preview, in headless Chromium with the fake camera playing the synthetic card (bench/camera.browser-bench.ts).
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['scripts/run-wtr.js', 'chromium', '--group', 'camera-bench'], {
  env: { ...process.env, MRZ_CAMERA_BENCH: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
child.stdout.on('data', (c) => (out += c));
child.on('close', (code) => {
  const line = /BENCH (\{.*\})/.exec(out);
  if (code !== 0 || !line) {
    process.stdout.write(out);
    console.error('camera bench failed');
    process.exit(code || 1);
  }
  const r = JSON.parse(line[1]);
  const rows = [
    ['fake camera', `${r.video}, ${r.seconds} s of preview`],
    ['frames analysed (auto-capture loop)', r.analysedFrames],
    [
      'analysis per frame in the loop, median / p95 / max',
      `${r.analysisMedianMs} / ${r.analysisP95Ms} / ${r.analysisMaxMs} ms`,
    ],
    ['sampler alone, VideoFrame path, median / p95', `${r.yuvMedianMs} / ${r.yuvP95Ms} ms`],
    ['sampler alone, canvas fallback, median / p95', `${r.canvasMedianMs} / ${r.canvasP95Ms} ms`],
    ['video frames presented / dropped', `${r.presentedFrames} / ${r.droppedFrames}`],
    ['long tasks (> 50 ms): count / total / max', `${r.longTasks} / ${r.longTaskTotalMs} / ${r.longTaskMaxMs} ms`],
    ['capture (grab + crop + JPEG)', `${r.captureMs} ms`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(w)}  ${v}`);
});
