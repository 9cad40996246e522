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
  return {
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: { ideal: 'environment' } }),
      width: { ideal: 1920 },
      height: { ideal: 1080 },
    },
  };
}

/**
 * getUserMedia rejections → our codes. NotAllowedError is the person (or a policy) saying no; everything
 * else — NotFoundError (no camera), NotReadableError (another app holds it), OverconstrainedError,
 * AbortError — means there is no usable camera right now.
 */
export function cameraErrorCode(error: unknown): CameraErrorCode {
  return /^(NotAllowed|PermissionDenied|Security)Error$/.test((error as Error | null | undefined)?.name ?? '')
    ? 'camera-permission-denied'
    : 'camera-unavailable';
}
