import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { currentTotp, matchTotpStep, newTotpSecret, totpUri, verifyTotp } from './totp.ts';

/** RFC 6238 Appendix B SHA-1 seed "12345678901234567890" in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('currentTotp', () => {
  // RFC 6238 test vectors (8 digits there); the 6-digit code is the last six of the same truncated value.
  const vectors: [number, string][] = [
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ];
  for (const [seconds, code] of vectors) {
    test(`RFC 6238 vector at T=${seconds}`, () => assert.equal(currentTotp(RFC_SECRET, seconds * 1000), code));
  }
});

describe('verifyTotp', () => {
  const at = 1_700_000_000_000; // a step boundary is at 1_699_999_980_000
  const secret = newTotpSecret();

  test('accepts the current code and codes one step either side', () => {
    assert.equal(verifyTotp(secret, currentTotp(secret, at), at), true);
    assert.equal(verifyTotp(secret, currentTotp(secret, at - 30_000), at), true);
    assert.equal(verifyTotp(secret, currentTotp(secret, at + 30_000), at), true);
  });

  test('rejects codes two steps away', () => {
    assert.equal(verifyTotp(secret, currentTotp(secret, at - 60_000), at), false);
    assert.equal(verifyTotp(secret, currentTotp(secret, at + 60_000), at), false);
  });

  test('rejects another secret, malformed tokens, and tolerates spaces', () => {
    const code = currentTotp(secret, at);
    assert.equal(verifyTotp(newTotpSecret(), code, at), false);
    assert.equal(verifyTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, at), true);
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`]) assert.equal(verifyTotp(secret, bad, at), false);
  });

  test('matchTotpStep reports the step so replays can be refused', () => {
    const step = Math.floor(at / 30_000);
    assert.equal(matchTotpStep(secret, currentTotp(secret, at), at), step);
    assert.equal(matchTotpStep(secret, currentTotp(secret, at - 30_000), at), step - 1);
    assert.equal(matchTotpStep(secret, '000000x', at), null);
  });
});

describe('secrets and URIs', () => {
  test('newTotpSecret is 160-bit base32 and random', () => {
    const s = newTotpSecret();
    assert.match(s, /^[A-Z2-7]{32}$/);
    assert.notEqual(s, newTotpSecret());
  });

  test('totpUri carries issuer, account and parameters', () => {
    const uri = new URL(totpUri({ secret: RFC_SECRET, account: 'zhang.wei@bjzgh', issuer: 'UnionCare' }));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/UnionCare:zhang.wei@bjzgh');
    assert.equal(uri.searchParams.get('secret'), RFC_SECRET);
    assert.equal(uri.searchParams.get('issuer'), 'UnionCare');
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
  });
});
