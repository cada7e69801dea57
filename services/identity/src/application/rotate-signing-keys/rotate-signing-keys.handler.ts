import { Injectable } from '@nestjs/common';
import { SigningKeyStore } from '../ports';

/**
 * Rotates the token signing key now: the next key (published in advance) signs, a new next key is made, and
 * the previous key stays published for 24 hours so tokens it signed still verify.
 */
@Injectable()
export class RotateSigningKeysHandler {
  constructor(private readonly keys: SigningKeyStore) {}

  execute() {
    return this.keys.rotate('token');
  }
}
