import { createCipheriv, createPublicKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoSuiteOf, GM_SUITE, INTL_SUITE, sm2GenerateKeyPair, sm2PublicKeyFrom, sm2PublicKeyOf, sm2Sign, sm2Verify, type Sm2Curve } from '../src/index.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const big = (s: string) => BigInt(`0x${s.replace(/\s+/g, '')}`);
const MESSAGE = Buffer.from('message digest', 'ascii');

/** GB/T 32918.2-2016 Annex A (GM/T 0003.2-2012 A.2): the 256-bit test curve, not the recommended one. */
const TEST_CURVE: Sm2Curve = {
  p: big('8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3'),
  a: big('787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498'),
  b: big('63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A'),
  gx: big('421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D'),
  gy: big('0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2'),
  n: big('8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7'),
};

describe('GB/T 32905 SM3', () => {
  it('given "abc" and the 64-byte "abcd"×16 of the standard, then the digests are the published ones', () => {
    expect(GM_SUITE.hash('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(GM_SUITE.hash('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('GB/T 32907 SM4', () => {
  it('given key = plaintext = 0123456789abcdeffedcba9876543210, then one block encrypts to 681edf34d206965e86b3e94f536e4246', () => {
    const key = hex('0123456789abcdeffedcba9876543210');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    expect(Buffer.concat([cipher.update(key), cipher.final()]).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('given the gm suite, when bytes are sealed (SM4-CTR, HMAC-SM3), then they open, and a flipped bit, another binding or another key is refused', () => {
    const key = Buffer.alloc(32, 4);
    const sealed = GM_SUITE.seal(key, Buffer.from('张三 330102199001011234'), 'worker-1');
    expect(GM_SUITE.open(key, sealed, 'worker-1').toString()).toBe('张三 330102199001011234');
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => GM_SUITE.open(key, flipped, 'worker-1')).toThrow(/tag does not match/);
    expect(() => GM_SUITE.open(key, sealed, 'worker-2')).toThrow(/tag does not match/);
    expect(() => GM_SUITE.open(Buffer.alloc(32, 5), sealed, 'worker-1')).toThrow(/tag does not match/);
    expect(INTL_SUITE.open(key, INTL_SUITE.seal(key, Buffer.from('x'), 'a'), 'a').toString()).toBe('x');
  });
});

describe('GB/T 32918.2 SM2 signature', () => {
  it('given Annex A: the test curve, d, k, ID ALICE123@YAHOO.COM and "message digest", then the public key and (r, s) are the published ones and verify', () => {
    const d = big('128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263');
    const id = Buffer.from('ALICE123@YAHOO.COM', 'ascii');
    const publicKey = sm2PublicKeyOf(d, TEST_CURVE);
    expect(publicKey).toEqual({
      x: big('0AE4C779 8AA0F119 471BEE11 825BE462 02BB79E2 A5844495 E97C04FF 4DF2548A'),
      y: big('7C0240F8 8F1CD4E1 6352A73C 17B7F16F 07353E53 A176D684 A9FE0C6B B798E857'),
    });
    const signature = sm2Sign(MESSAGE, d, { curve: TEST_CURVE, id, k: big('6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F') });
    expect(signature.toString('hex').toUpperCase()).toBe(
      '40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1' + '6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7',
    );
    expect(sm2Verify(MESSAGE, signature, publicKey, { curve: TEST_CURVE, id })).toBe(true);
    expect(sm2Verify(Buffer.from('message digesT'), signature, publicKey, { curve: TEST_CURVE, id })).toBe(false);
    expect(sm2Verify(MESSAGE, signature, publicKey, { curve: TEST_CURVE })).toBe(false);
  });

  it('given the recommended curve, the default id 1234567812345678 and the standard example key and k, then (r, s) are the published ones', () => {
    const d = big('3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8');
    expect(sm2PublicKeyOf(d)).toEqual({
      x: big('09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020'),
      y: big('CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13'),
    });
    const signature = sm2Sign(MESSAGE, d, { k: big('59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21') });
    expect(signature.toString('hex').toUpperCase()).toBe(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3' + 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
    );
    expect(sm2Verify(MESSAGE, signature, sm2PublicKeyOf(d))).toBe(true);
  });

  it('given a fresh key, then random signatures verify and differ, and a changed message fails', () => {
    const { d, publicKey } = sm2GenerateKeyPair();
    const a = sm2Sign(Buffer.from('事件'), d);
    expect(a.equals(sm2Sign(Buffer.from('事件'), d))).toBe(false);
    expect(sm2Verify(Buffer.from('事件'), a, publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from('事件!'), a, publicKey)).toBe(false);
  });

  it("given Node's crypto.sign over an SM2-curve key, then its signature is not a GB/T 32918 SM2 signature (why sm2.ts is by hand)", () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    const der = sign('sm3', MESSAGE, privateKey);
    const r = der.subarray(4, 4 + der[3]!);
    const s = der.subarray(6 + r.length);
    const raw = Buffer.concat([
      Buffer.from(
        BigInt(`0x${r.toString('hex')}`)
          .toString(16)
          .padStart(64, '0'),
        'hex',
      ),
      Buffer.from(
        BigInt(`0x${s.toString('hex')}`)
          .toString(16)
          .padStart(64, '0'),
        'hex',
      ),
    ]);
    expect(sm2Verify(MESSAGE, raw, sm2PublicKeyFrom(spki.subarray(spki.length - 65)))).toBe(false);
  });
});

describe('CRYPTO_SUITE', () => {
  it('given intl, gm, nothing or something else, then the suite or a message naming the setting', () => {
    expect(cryptoSuiteOf({}).id).toBe('intl');
    expect(cryptoSuiteOf({ CRYPTO_SUITE: 'gm' })).toBe(GM_SUITE);
    expect(() => cryptoSuiteOf({ CRYPTO_SUITE: 'sm' })).toThrow(/CRYPTO_SUITE must be intl .* or gm/);
  });
});
