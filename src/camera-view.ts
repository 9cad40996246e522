/**
 * The camera view of <mrz-scanner>: live preview, ID-1 guide with the MRZ area, a quality hint, and the
 * Take photo / Switch camera / Flashlight / Stop camera buttons. Render only: the behaviour is in
 * controllers/camera-controller.ts, the rules in mrz-scanner.styles.ts (one sheet compresses better).
 */
import { html, nothing, type ReactiveElement } from 'lit';
import { guideRect, mrzBand } from './capture/camera-guide.js';
import type { CameraController } from './controllers/camera-controller.js';
import type { Messages } from './i18n/index.js';

/** The preview and its buttons, which call the controller directly; `host` re-renders when the video's size changes. */
export function renderCameraView(camera: CameraController, m: Messages, host: ReactiveElement) {
  // The overlay is drawn in video pixels with the same letterboxing as the video (object-fit: contain ≡ the
  // SVG default preserveAspectRatio, xMidYMid meet), so the guide on screen is exactly the crop that
  // capture() keeps. No inline styles: CSP-safe. A video fires resize once its size is known (with the
  // metadata) and on every change (rotation): the guide is redrawn to match.
  const video = host.renderRoot.querySelector('video');
  const w = video?.videoWidth || 1280;
  const h = video?.videoHeight || 720;
  const g = guideRect(w, h);
  const b = mrzBand(g);
  const r = g.height * 0.055;
  return html`
    <div class="camera">
      <video
        part="video"
        playsinline
        muted
        autoplay
        aria-label=${m.cameraPreview}
        @resize=${() => host.requestUpdate()}
      ></video>
      <svg part="frame" viewBox="0 0 ${w} ${h}" aria-hidden="true">
        <path
          fill-opacity=".45"
          fill-rule="evenodd"
          d="M0 0H${w}V${h}H0Z M${g.x} ${g.y}h${g.width}v${g.height}h${-g.width}Z"
        ></path>
        <rect class="guide" x=${g.x} y=${g.y} width=${g.width} height=${g.height} rx=${r}></rect>
        <rect class="mrz" x=${b.x} y=${b.y} width=${b.width} height=${b.height} rx=${r / 2}></rect>
      </svg>
      <p part="hint" class="hint">${m[camera.hint ?? 'cameraHint']}</p>
    </div>
    <div part="actions" class="actions">
      <button part="button" class="primary" ?disabled=${camera.status !== 'live'} @click=${() => camera.capture()}>
        ${m.takePhoto}
      </button>
      ${camera.canSwitch ? html`<button part="button" @click=${() => camera.switchCamera()}>${m.switchCamera}</button>` : nothing}
      ${
        camera.torchSupported
          ? html`<button part="button" aria-pressed=${camera.torch} @click=${() => camera.setTorch(!camera.torch)}>
              ${m.torch}
            </button>`
          : nothing
      }
      <button part="button" @click=${() => camera.stop()}>${m.stopCamera}</button>
    </div>
  `;
}
