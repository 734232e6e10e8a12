import { loginRequestSchema, Patterns, refreshBodySchema, type TokenPair } from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AuthService } from './auth.service';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @MessagePattern(Patterns.volunteers.authLogin)
  login(@Payload() payload: unknown): Promise<TokenPair> {
    return this.auth.login(parseRpc(loginRequestSchema, payload));
  }

  @MessagePattern(Patterns.volunteers.authRefresh)
  refresh(@Payload() payload: unknown): Promise<TokenPair> {
    return this.auth.refresh(parseRpc(refreshBodySchema, payload).refreshToken);
  }

  @MessagePattern(Patterns.volunteers.authLogout)
  logout(@Payload() payload: unknown): Promise<{ revoked: boolean }> {
    return this.auth.logout(parseRpc(refreshBodySchema, payload).refreshToken);
  }
}
