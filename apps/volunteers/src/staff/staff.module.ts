import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { StaffAccountEntity } from './entities/staff-account.entity';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { StaffAccountsRepository } from './staff-accounts.repository';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([StaffAccountEntity, RefreshTokenEntity]),
    JwtModule.registerAsync({
      inject: [VOLUNTEERS_CONFIG],
      useFactory: (config: VolunteersConfig) => ({ secret: config.JWT_SECRET }),
    }),
  ],
  controllers: [AuthController, StaffController],
  providers: [AuthService, StaffService, PasswordHasher, StaffAccountsRepository, RefreshTokensRepository],
})
export class StaffModule {}
