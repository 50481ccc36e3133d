/**
 * Random secrets and their storage form. Cookies and API tokens are random
 * 256-bit values; only their sha256 is stored, so a database leak does not
 * leak a usable credential. Comparisons of secrets are constant-time.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../audit/hash-chain.js';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function secretHash(secret: string): string {
  return sha256Hex(secret);
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
