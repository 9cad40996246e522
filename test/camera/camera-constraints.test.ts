// How a camera refusal becomes the element's error code, and what we ask the camera for.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cameraConstraints, cameraErrorCode } from '../../src/capture/camera-constraints.js';

describe('camera errors', () => {
  it('a refusal by the person or a policy is camera-permission-denied', () => {
    for (const name of ['NotAllowedError', 'SecurityError', 'PermissionDeniedError']) {
      assert.equal(cameraErrorCode(new DOMException('no', name)), 'camera-permission-denied', name);
    }
  });

  it('no camera, a camera held by another app or impossible constraints are camera-unavailable', () => {
    for (const name of [
      'NotFoundError',
      'NotReadableError',
      'OverconstrainedError',
      'AbortError',
      'DevicesNotFoundError',
      'TrackStartError',
    ]) {
      assert.equal(cameraErrorCode(new DOMException('no', name)), 'camera-unavailable', name);
    }
    assert.equal(cameraErrorCode(new TypeError('bad constraints')), 'camera-unavailable');
    assert.equal(cameraErrorCode(undefined), 'camera-unavailable');
  });
});

describe('camera constraints', () => {
  it('prefers, never requires, the rear camera, at up to 1920×1080, without audio', () => {
    const c = cameraConstraints();
    // Audio is off unless asked for; a bare constraint value is an `ideal` (never `exact`) in getUserMedia.
    assert.equal(c.audio ?? false, false);
    assert.deepEqual(c.video, {
      facingMode: 'environment',
      width: 1920,
      height: 1080,
    });
  });

  it('asks for exactly the chosen device when switching', () => {
    const c = cameraConstraints('abc');
    assert.deepEqual((c.video as MediaTrackConstraints).deviceId, {
      exact: 'abc',
    });
    assert.equal((c.video as MediaTrackConstraints).facingMode, undefined);
  });
});
