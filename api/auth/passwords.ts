import bcrypt from 'bcryptjs';

/** Cost 10 matches Keystone's password field, so the admin can check the same hashes. */
const COST = 10;

/** Compared against when the user does not exist, so an unknown email takes as long as a wrong password. */
const TIMING_DECOY_HASH = bcrypt.hashSync('timing-decoy', COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (hash === null || hash === undefined) {
    await bcrypt.compare(password, TIMING_DECOY_HASH);
    return false;
  }
  return bcrypt.compare(password, hash);
}
