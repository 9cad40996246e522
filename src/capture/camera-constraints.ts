/**
 * What we ask the camera for, and how a refusal maps to the element's error codes.
 */

export type CameraErrorCode =
  'camera-permission-denied' | 'camera-unavailable' | 'insecure-context' | 'camera-not-started';

/**
 * Rear camera where there is one, at the highest sensible resolution; no audio (not asked for). Bare values
 * are `ideal`s (Media Capture and Streams), never `exact`: laptops and the test's fake device have no
 * facing mode and `exact` would fail with OverconstrainedError.
 */
export function cameraConstraints(deviceId?: string): MediaStreamConstraints {
  return {
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'environment' }),
      width: 1920,
      height: 1080,
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
