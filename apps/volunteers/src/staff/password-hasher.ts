import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's recommended cost; a dummy hash keeps unknown-user logins as slow as real ones. */
@Injectable()
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real verification, for e-mails that have no account. */
  async verifyAgainstDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash('birgemiz-dummy-password-for-timing');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
