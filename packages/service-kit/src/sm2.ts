import { createHash, randomBytes } from 'node:crypto';

/**
 * The SM2 digital signature (GB/T 32918.2-2016), by hand over bigint: e = SM3(Z_A ‖ M) with
 * Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), r = (e + x_1) mod n,
 * s = (1 + d)⁻¹ (k − r·d) mod n. Node (OpenSSL 3.0) makes SM2 keys and SM3 digests, but its
 * crypto.sign over an SM2 key gives no way to set or check the user id and Z_A, and what it
 * computes is not documented as GB/T 32918; the spec against the standard's vectors decides
 * (test/sm-vectors.unit.spec.ts); and on Node 20 a KeyObject imported from an SM2 DER key aborts
 * the process when exported again (an assertion in crypto_keys.cc), so SM2 keys here are never
 * KeyObjects. SM3 itself is Node's.
 *
 * Speed: k·G on the recommended curve uses a fixed-base table (64 windows of 4 bits, 960 points,
 * built once on first use), so a signature costs about 64 point additions, not 256 doublings and
 * ~128 additions; verification uses the table for s·G and a plain double-and-add for t·P_A.
 *
 * Limits, honestly: JavaScript bigint arithmetic is not constant-time, and neither the table
 * lookup (indexed by the secret k's digits) nor the modular inverse is. A remote attacker who can
 * time many signatures precisely could in principle learn about k and so d; the services sign
 * behind HTTP with far larger and noisier latencies, and the verifier only verifies (no secrets).
 * A deployment that must meet GM/T 0028 for the key itself needs a certified cryptographic module
 * (密码模块) or HSM instead.
 */
export interface Sm2Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
}

/** The recommended curve (GB/T 32918.5-2017). */
export const SM2_CURVE: Sm2Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** The user id when none is agreed (GB/T 35276-2017). */
export const SM2_DEFAULT_ID = Buffer.from('1234567812345678', 'ascii');

type Jacobian = [bigint, bigint, bigint];
const INFINITY: Jacobian = [1n, 1n, 0n];

const mod = (x: bigint, m: bigint) => {
  const r = x % m;
  return r < 0n ? r + m : r;
};

/** The inverse modulo a prime, by the extended Euclidean algorithm (several times faster than Fermat over bigint). */
function inv(x: bigint, m: bigint): bigint {
  let [a, b] = [mod(x, m), m];
  let [u, v] = [1n, 0n];
  if (a === 0n) throw new Error('no inverse of 0');
  while (a !== 1n) {
    const q = b / a;
    [a, b] = [b - q * a, a];
    [u, v] = [v - q * u, u];
  }
  return mod(u, m);
}

function double(c: Sm2Curve, [x, y, z]: Jacobian): Jacobian {
  const { p } = c;
  if (z === 0n || y === 0n) return INFINITY;
  const yy = (y * y) % p;
  const s = (4n * x * yy) % p;
  const zz = (z * z) % p;
  // a = −3 (the recommended curve): 3x² + a·z⁴ = 3(x − z²)(x + z²), two multiplications fewer.
  const m = c.a === c.p - 3n ? mod(3n * (x - zz) * (x + zz), p) : mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  return [x3, y3, (2n * y * z) % p];
}

function add(c: Sm2Curve, a: Jacobian, b: Jacobian): Jacobian {
  const { p } = c;
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const z1z1 = (a[2] * a[2]) % p;
  const z2z2 = (b[2] * b[2]) % p;
  const u1 = (a[0] * z2z2) % p;
  const u2 = (b[0] * z1z1) % p;
  const s1 = (a[1] * z2z2 * b[2]) % p;
  const s2 = (b[1] * z1z1 * a[2]) % p;
  if (u1 === u2) return s1 === s2 ? double(c, a) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const x3 = mod(r * r - hhh - 2n * u1 * hh, p);
  const y3 = mod(r * (u1 * hh - x3) - s1 * hhh, p);
  return [x3, y3, (h * a[2] * b[2]) % p];
}

/** k·P for any point: a 4-bit window (15 multiples of P first, then 4 doublings and one addition per digit). */
function multiply(c: Sm2Curve, k: bigint, point: Jacobian): Jacobian {
  const multiples: Jacobian[] = [point];
  for (let j = 1; j < 15; j++) multiples.push(add(c, multiples[j - 1]!, point));
  let result = INFINITY;
  const digits = Math.ceil(k.toString(2).length / 4);
  for (let i = digits - 1; i >= 0; i--) {
    for (let d = 0; d < 4; d++) result = double(c, result);
    const digit = Number((k >> BigInt(4 * i)) & 15n);
    if (digit !== 0) result = add(c, result, multiples[digit - 1]!);
  }
  return result;
}

/** Fixed-base table for G on one curve: TABLE[i][j] = (j + 1)·16^i·G, affine (z = 1), i < 64, j < 15. */
const fixedBaseTables = new WeakMap<Sm2Curve, Jacobian[][]>();

function fixedBaseTable(c: Sm2Curve): Jacobian[][] {
  let table = fixedBaseTables.get(c);
  if (table) return table;
  table = [];
  let base: Jacobian = [c.gx, c.gy, 1n];
  for (let i = 0; i < 64; i++) {
    const row: Jacobian[] = [];
    let acc: Jacobian = base;
    for (let j = 0; j < 15; j++) {
      const [x, y] = affine(c, acc)!;
      row.push([x, y, 1n]);
      acc = add(c, acc, base);
    }
    table.push(row);
    base = acc; // 16·base
  }
  fixedBaseTables.set(c, table);
  return table;
}

/** k·G through the table: one addition per non-zero 4-bit digit of k. */
function multiplyG(c: Sm2Curve, k: bigint): Jacobian {
  if (k >> 256n !== 0n) return multiply(c, k, [c.gx, c.gy, 1n]);
  const table = fixedBaseTable(c);
  let result = INFINITY;
  for (let i = 0; i < 64; i++) {
    const digit = Number((k >> BigInt(4 * i)) & 15n);
    if (digit !== 0) result = add(c, result, table[i]![digit - 1]!);
  }
  return result;
}

function affine(c: Sm2Curve, [x, y, z]: Jacobian): [bigint, bigint] | null {
  if (z === 0n) return null;
  const zi = inv(z, c.p);
  const zi2 = (zi * zi) % c.p;
  return [(x * zi2) % c.p, (y * zi2 * zi) % c.p];
}

const be32 = (x: bigint) => Buffer.from(x.toString(16).padStart(64, '0'), 'hex');
const toBigint = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const sm3 = (...parts: Uint8Array[]) => createHash('sm3').update(Buffer.concat(parts)).digest();

/** A public key: the point (x, y) on the curve. */
export type Sm2PublicKey = { x: bigint; y: bigint };

export function sm2PublicKeyOf(d: bigint, curve: Sm2Curve = SM2_CURVE): Sm2PublicKey {
  const point = affine(curve, multiplyG(curve, d))!;
  return { x: point[0], y: point[1] };
}

/** Z_A: the signer's identity and key, hashed in front of every message. */
export function sm2Z(key: Sm2PublicKey, id: Uint8Array = SM2_DEFAULT_ID, curve: Sm2Curve = SM2_CURVE): Buffer {
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return sm3(entl, id, be32(curve.a), be32(curve.b), be32(curve.gx), be32(curve.gy), be32(key.x), be32(key.y));
}

export interface Sm2Options {
  id?: Uint8Array;
  curve?: Sm2Curve;
  /** The per-signature secret k; only the standard's test vectors fix it. */
  k?: bigint;
  /** The signer's public key, when the caller has it (saves one k·G per signature). */
  publicKey?: Sm2PublicKey;
  /** Z_A of the signer, when the caller has it (with the same id and curve). */
  z?: Uint8Array;
}

/** The signature r ‖ s, 64 bytes. */
export function sm2Sign(message: Uint8Array, d: bigint, options: Sm2Options = {}): Buffer {
  const curve = options.curve ?? SM2_CURVE;
  const { n } = curve;
  if (d < 1n || d >= n - 1n) throw new Error('an SM2 private key lies in [1, n − 2]');
  const z = options.z ?? sm2Z(options.publicKey ?? sm2PublicKeyOf(d, curve), options.id, curve);
  const e = toBigint(sm3(z, message));
  for (;;) {
    const k = options.k ?? mod(toBigint(randomBytes(40)), n - 1n) + 1n;
    const [x1] = affine(curve, multiplyG(curve, k))!;
    const r = mod(e + x1, n);
    if (r === 0n || r + k === n) continue;
    const s = mod(inv(1n + d, n) * (k - r * d), n);
    if (s === 0n) continue;
    return Buffer.concat([be32(r), be32(s)]);
  }
}

export function sm2Verify(message: Uint8Array, signature: Uint8Array, key: Sm2PublicKey, options: Pick<Sm2Options, 'id' | 'curve' | 'z'> = {}): boolean {
  const curve = options.curve ?? SM2_CURVE;
  const { n } = curve;
  if (signature.length !== 64 || !sm2OnCurve(key, curve)) return false;
  const r = toBigint(signature.subarray(0, 32));
  const s = toBigint(signature.subarray(32));
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const e = toBigint(sm3(options.z ?? sm2Z(key, options.id, curve), message));
  const point = affine(curve, add(curve, multiplyG(curve, s), multiply(curve, t, [key.x, key.y, 1n])));
  return point !== null && mod(e + point[0], n) === r;
}

/** Whether (x, y) is a point of the curve with coordinates in [0, p): y² = x³ + a·x + b. */
export function sm2OnCurve(key: Sm2PublicKey, curve: Sm2Curve = SM2_CURVE): boolean {
  const { p } = curve;
  if (key.x < 0n || key.x >= p || key.y < 0n || key.y >= p) return false;
  return mod(key.y * key.y - (key.x * key.x * key.x + curve.a * key.x + curve.b), p) === 0n;
}

/** A fresh key pair on the recommended curve: d uniform in [1, n − 2] (GB/T 32918.1 6.1) from Node's CSPRNG. */
export function sm2GenerateKeyPair(): { d: bigint; publicKey: Sm2PublicKey } {
  const d = mod(toBigint(randomBytes(40)), SM2_CURVE.n - 2n) + 1n;
  return { d, publicKey: sm2PublicKeyOf(d) };
}

/** A public key as published: 04 ‖ x ‖ y (65 bytes). */
export const sm2PublicKeyBytes = (key: Sm2PublicKey) => Buffer.concat([Buffer.from([4]), be32(key.x), be32(key.y)]);

export function sm2PublicKeyFrom(bytes: Uint8Array): Sm2PublicKey {
  if (bytes.length !== 65 || bytes[0] !== 4) throw new Error('an SM2 public key is 65 bytes: 04 ‖ x ‖ y');
  const key = { x: toBigint(bytes.subarray(1, 33)), y: toBigint(bytes.subarray(33)) };
  if (!sm2OnCurve(key)) throw new Error('not a point of the SM2 curve');
  return key;
}

/** d as 32 bytes, big-endian (how the key ring stores it, sealed). */
export const sm2PrivateKeyBytes = (d: bigint) => be32(d);

export function sm2PrivateKeyFrom(bytes: Uint8Array): bigint {
  if (bytes.length !== 32) throw new Error('an SM2 private key is 32 bytes');
  const d = toBigint(bytes);
  if (d < 1n || d >= SM2_CURVE.n - 1n) throw new Error('an SM2 private key lies in [1, n − 2]');
  return d;
}
