/**
 * Password hashing with argon2id (@node-rs/argon2, its default parameters).
 * Verifying against a missing user still spends one argon2 verification, so
 * the response time does not tell whether an email has an account.
 */
import { hash, verify } from '@node-rs/argon2';

let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True only when `storedHash` exists and matches; never throws on a malformed hash. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (storedHash === undefined) {
    dummyHash ??= hash('ledgerflow-no-such-user');
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
