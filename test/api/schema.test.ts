import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseRecognition } from '../../src/api/schema.js';

describe('parseRecognition (the backend answer, checked with zod/mini)', () => {
  it('accepts the documented answer and ignores fields it does not use', () => {
    const body = { result: true, mrz_string: 'IDKGZ...', backend_session_id: 'abc', backend_session: null, status: 'ok', extra: [1] };
    assert.deepEqual(parseRecognition(body), body);
    assert.deepEqual(parseRecognition({ result: false }), { result: false });
  });

  it('refuses anything that is not an object with a boolean result', () => {
    for (const json of [null, 'ok', 42, [], [{ result: true }], {}, { result: 'true', mrz_string: 'X' }, { result: 1 }]) {
      assert.equal(parseRecognition(json), null, JSON.stringify(json));
    }
  });

  it('refuses text fields of the wrong type, but takes null and absence as "not sent"', () => {
    assert.equal(parseRecognition({ result: true, mrz_string: 42 }), null);
    assert.equal(parseRecognition({ result: true, mrz_string: 'X', backend_session_id: 7 }), null);
    assert.equal(parseRecognition({ result: true, mrz_string: 'X', status: { code: 1 } }), null);
    assert.notEqual(parseRecognition({ result: true, mrz_string: 'X', backend_session_id: null, status: undefined }), null);
  });
});
