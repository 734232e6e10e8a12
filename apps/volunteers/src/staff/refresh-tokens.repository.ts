import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity';

@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectRepository(RefreshTokenEntity) private readonly tokens: Repository<RefreshTokenEntity>) {}

  async insert(token: Pick<RefreshTokenEntity, 'id' | 'staffId' | 'secretHash' | 'expiresAt'>): Promise<void> {
    await this.tokens.insert(token);
  }

  findById(id: string): Promise<RefreshTokenEntity | null> {
    return this.tokens.findOneBy({ id });
  }

  /** Revokes a live token; false when it was already revoked (a concurrent or replayed use). */
  async revoke(id: string, replacedBy: string | null): Promise<boolean> {
    const result = await this.tokens.update({ id, revokedAt: IsNull() }, { revokedAt: new Date(), replacedBy });
    return (result.affected ?? 0) === 1;
  }

  async revokeAllOf(staffId: string): Promise<void> {
    await this.tokens.update({ staffId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
