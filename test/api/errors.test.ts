import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFor, messageOf } from '../../src/api/errors.js';

test('messageOf reads JSON detail, message, error, FastAPI lists, or plain text', () => {
  assert.equal(messageOf('{"detail":"MRZ max attempts exceeded"}'), 'MRZ max attempts exceeded');
  assert.equal(messageOf('{"message":"Subscription has not started"}'), 'Subscription has not started');
  assert.equal(messageOf('{"error":"Client does not have subscription"}'), 'Client does not have subscription');
  assert.equal(messageOf('{"detail":[{"msg":"field required"},{"msg":"bad"}]}'), 'field required; bad');
  assert.equal(messageOf('  Error while parsing MRZ \n'), 'Error while parsing MRZ');
  assert.equal(messageOf('{"other":1}'), '');
  assert.equal(messageOf('"just a string"'), '"just a string"');
});

test('codeFor: upstream messages win over the status, then the status decides', () => {
  const cases: Array<[number, string, string]> = [
    [400, 'Subscription has not started', 'subscription-inactive'],
    [400, 'No active or future subscription for technology', 'subscription-inactive'],
    [400, 'Client does not have subscription', 'subscription-inactive'],
    [400, 'Client does not have access to MRZ technology', 'access-denied'],
    [400, 'MRZ max attempts exceeded', 'attempts-exceeded'],
    [422, 'Error while parsing MRZ', 'mrz-not-found'],
    [422, 'field required', 'request-rejected'],
    [503, 'MRZ service not available now', 'service-unavailable'],
    [429, '', 'rate-limited'],
    [413, '', 'file-too-large'],
    [415, '', 'unsupported-file'],
    [400, 'Bad request', 'request-rejected'],
    [404, '', 'request-rejected'],
    [500, '', 'server-error'],
    [504, 'Gateway Timeout', 'server-error'],
  ];
  for (const [status, message, code] of cases) assert.equal(codeFor(status, message), code, `${status} ${message}`);
});
