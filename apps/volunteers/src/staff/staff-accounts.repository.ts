import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { StaffAccountEntity } from './entities/staff-account.entity';

export type NewStaffAccount = Pick<StaffAccountEntity, 'email' | 'displayName' | 'role' | 'passwordHash'>;

@Injectable()
export class StaffAccountsRepository {
  constructor(@InjectRepository(StaffAccountEntity) private readonly accounts: Repository<StaffAccountEntity>) {}

  findByEmail(email: string): Promise<StaffAccountEntity | null> {
    return this.accounts.createQueryBuilder('a').where('lower(a.email) = lower(:email)', { email }).getOne();
  }

  findById(id: string): Promise<StaffAccountEntity | null> {
    return this.accounts.findOneBy({ id });
  }

  /** Inserts unless the e-mail is taken; returns null when it is. */
  async insertIfAbsent(account: NewStaffAccount): Promise<StaffAccountEntity | null> {
    const result = await this.accounts
      .createQueryBuilder()
      .insert()
      .values(account)
      .orIgnore()
      .returning(['id'])
      .execute();
    const rows = result.raw as { id: string }[];
    if (rows.length === 0) return null;
    return this.findById(rows[0].id);
  }

  /**
   * Counts one failed login atomically; at `maxFailures` the account is locked for `lockSeconds` and the
   * counter starts again.
   */
  async registerFailedLogin(id: string, maxFailures: number, lockSeconds: number): Promise<Date | null> {
    // For UPDATE … RETURNING the postgres driver answers [rows, affectedCount].
    const [rows]: [{ locked_until: Date | null }[], number] = await this.accounts.query(
      `UPDATE "volunteers"."staff_accounts"
          SET failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END,
              updated_at = now()
        WHERE id = $1
        RETURNING locked_until`,
      [id, maxFailures, lockSeconds],
    );
    const lockedUntil = rows[0]?.locked_until ?? null;
    return lockedUntil && lockedUntil.getTime() > Date.now() ? lockedUntil : null;
  }

  async registerSuccessfulLogin(id: string): Promise<void> {
    await this.accounts.update({ id }, { failedLogins: 0, lockedUntil: null, lastLoginAt: new Date() });
  }

  async list(offset: number, limit: number): Promise<[StaffAccountEntity[], number]> {
    return this.accounts.findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, skip: offset, take: limit });
  }
}
