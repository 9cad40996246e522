import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeFor } from '../../src/api/errors.js';

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

test('codeFor finds the upstream message in every body shape a backend or proxy sends', () => {
  const cases: Array<[number, string, string]> = [
    [400, '{"detail":"MRZ max attempts exceeded"}', 'attempts-exceeded'],
    [400, '{"message":"Subscription has not started"}', 'subscription-inactive'],
    [400, '{"error":"Client does not have subscription"}', 'subscription-inactive'],
    [400, '{"detail":[{"msg":"Client does not have access to MRZ technology"},{"msg":"bad"}]}', 'access-denied'],
    [422, '  Error while parsing MRZ \n', 'mrz-not-found'],
    [422, '{"detail":[{"loc":["body","image"],"msg":"field required","type":"value_error.missing"}]}', 'request-rejected'],
    [503, '{"detail":"MRZ service not available now"}', 'service-unavailable'],
    [400, '{"other":1}', 'request-rejected'],
    [502, '<html><body>Bad Gateway</body></html>', 'server-error'],
  ];
  for (const [status, body, code] of cases) assert.equal(codeFor(status, body), code, `${status} ${body}`);
});
