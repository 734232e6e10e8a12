import type { Page, StaffActor, StaffIdentity, StaffRole } from '@birgemiz/contracts';
import type { CreateStaffBody } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { toStaffIdentity } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { StaffAccountsRepository } from './staff-accounts.repository';

/** Staff accounts: listing and creation by admins, and the first admin from the environment. */
@Injectable()
export class StaffService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffService.name);

  constructor(
    private readonly accounts: StaffAccountsRepository,
    private readonly hasher: PasswordHasher,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      this.logger.warn('BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD not set: no bootstrap admin is created');
      return;
    }
    const created = await this.accounts.insertIfAbsent({
      email: email.toLowerCase(),
      displayName: 'Administrator',
      role: 'admin',
      passwordHash: await this.hasher.hash(password),
    });
    if (created) this.logger.log({ msg: 'bootstrap admin account created', staffId: created.id });
  }

  async list(actor: StaffActor, page: number, pageSize: number): Promise<Page<StaffIdentity>> {
    this.requireRole(actor, ['admin']);
    const [accounts, total] = await this.accounts.list((page - 1) * pageSize, pageSize);
    return { items: accounts.map(toStaffIdentity), page, pageSize, total };
  }

  async create(actor: StaffActor, body: CreateStaffBody): Promise<StaffIdentity> {
    this.requireRole(actor, ['admin']);
    const created = await this.accounts.insertIfAbsent({
      email: body.email,
      displayName: body.displayName,
      role: body.role,
      passwordHash: await this.hasher.hash(body.password),
    });
    if (!created) {
      throw new DomainError(ErrorCode.Conflict, 'a staff account with this e-mail exists', {
        issues: [{ path: 'body.email', reason: 'taken' }],
      });
    }
    this.logger.log({ msg: 'staff account created', staffId: created.id, role: created.role, by: actor.id });
    return toStaffIdentity(created);
  }

  /** Defence in depth: the gateway checks roles too, the service does not rely on it. */
  private requireRole(actor: StaffActor, roles: StaffRole[]): void {
    if (!roles.includes(actor.role)) throw new DomainError(ErrorCode.Forbidden, `requires role ${roles.join(' or ')}`);
  }
}
