/**
 * What we ask the camera for, and how a refusal maps to the element's error codes.
 */

export type CameraErrorCode =
  'camera-permission-denied' | 'camera-unavailable' | 'insecure-context' | 'camera-not-started';

/**
 * Rear camera where there is one (`ideal`, never `exact`: laptops and the test's fake device have no
 * facing mode and `exact` would fail with OverconstrainedError), at the highest sensible resolution.
 */
export function cameraConstraints(deviceId?: string): MediaStreamConstraints {
  const size = { width: { ideal: 1920 }, height: { ideal: 1080 } };
  return {
    audio: false,
    video: deviceId ? { deviceId: { exact: deviceId }, ...size } : { facingMode: { ideal: 'environment' }, ...size },
  };
}

/**
 * getUserMedia rejections → our codes. NotAllowedError is the person (or a policy) saying no; everything
 * else — NotFoundError (no camera), NotReadableError (another app holds it), OverconstrainedError,
 * AbortError — means there is no usable camera right now.
 */
export function cameraErrorCode(error: unknown): CameraErrorCode {
  const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : '';
  if (name === 'NotAllowedError' || name === 'PermissionDeniedError' || name === 'SecurityError')
    return 'camera-permission-denied';
  return 'camera-unavailable';
}

/** getUserMedia exists only in secure contexts and not in many in-app browsers / WebViews. */
export function hasGetUserMedia(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';
}
