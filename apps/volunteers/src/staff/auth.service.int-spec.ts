import { JWT_AUDIENCE, JWT_ISSUER } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { cloneTemplateDatabase, templateDatabase, TEST_JWT_SECRET } from '@birgemiz/testing';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG } from '../config';
import { volunteersDataSourceOptions } from '../database/data-source';
import { AuthService } from './auth.service';
import { StaffModule } from './staff.module';
import { StaffService } from './staff.service';

const ADMIN = { email: 'Admin@Birgemiz.test', password: 'bootstrap-admin-pass' };

async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  return error as DomainError;
}

describe('staff sign-in (real PostgreSQL)', () => {
  let app: INestApplicationContext;
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let auth: AuthService;
  let staff: StaffService;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(templateDatabase());
    const config = loadVolunteersConfig({
      DATABASE_URL: database.url,
      JWT_SECRET: TEST_JWT_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_SECONDS: '600',
    });

    @Global()
    @Module({ providers: [{ provide: VOLUNTEERS_CONFIG, useValue: config }], exports: [VOLUNTEERS_CONFIG] })
    class TestConfigModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [TestConfigModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(database.url, 4)), StaffModule],
    }).compile();
    app = await moduleRef.init();
    auth = app.get(AuthService);
    staff = app.get(StaffService);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('creates the bootstrap admin once, even when booted again', async () => {
    await staff.onApplicationBootstrap();
    const admin = await auth.login({ email: ADMIN.email.toLowerCase(), password: ADMIN.password });
    const list = await staff.list({ id: admin.staff.id, role: 'admin' }, 1, 10);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ email: 'admin@birgemiz.test', role: 'admin' });
  });

  it('issues an HS256 access token with the staff role, verifiable by the gateway', async () => {
    const pair = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    const claims = await new JwtService({ secret: TEST_JWT_SECRET }).verifyAsync(pair.accessToken, {
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    expect(claims).toMatchObject({ sub: pair.staff.id, role: 'admin', typ: 'access' });
    expect(claims.exp - claims.iat).toBe(900);
    expect(pair.refreshToken).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
  });

  it('answers INVALID_CREDENTIALS for a wrong password and for an unknown e-mail alike', async () => {
    await expectDomainError(auth.login({ email: 'nobody@birgemiz.test', password: 'whatever-password' }), ErrorCode.InvalidCredentials);
    const admin = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    await staff.create({ id: admin.staff.id, role: 'admin' }, {
      email: 'wrong-pass@birgemiz.test',
      displayName: 'Editor',
      role: 'editor',
      password: 'editor-password-1',
    });
    await expectDomainError(auth.login({ email: 'wrong-pass@birgemiz.test', password: 'nope-nope-nope' }), ErrorCode.InvalidCredentials);
  });

  it('locks an account after the configured failures, even for the right password, with a retry time', async () => {
    const admin = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    await staff.create({ id: admin.staff.id, role: 'admin' }, {
      email: 'locked@birgemiz.test',
      displayName: 'Coordinator',
      role: 'coordinator',
      password: 'coordinator-pass-1',
    });
    await expectDomainError(auth.login({ email: 'locked@birgemiz.test', password: 'bad-1' }), ErrorCode.InvalidCredentials);
    await expectDomainError(auth.login({ email: 'locked@birgemiz.test', password: 'bad-2' }), ErrorCode.InvalidCredentials);
    const third = await expectDomainError(auth.login({ email: 'locked@birgemiz.test', password: 'bad-3' }), ErrorCode.AccountLocked);
    expect(third.retryAfterSeconds).toBeGreaterThan(590);
    await expectDomainError(auth.login({ email: 'locked@birgemiz.test', password: 'coordinator-pass-1' }), ErrorCode.AccountLocked);
  });

  it('rotates refresh tokens and revokes every session when a used one is replayed', async () => {
    const first = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    const second = await auth.refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.staff.id).toBe(first.staff.id);
    // Replaying the used token is treated as theft: it fails and the newer token dies with it.
    await expectDomainError(auth.refresh(first.refreshToken), ErrorCode.Unauthenticated);
    await expectDomainError(auth.refresh(second.refreshToken), ErrorCode.Unauthenticated);
  });

  it('rejects forged and malformed refresh tokens, and logout revokes', async () => {
    const pair = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    const [id] = pair.refreshToken.split('.');
    await expectDomainError(auth.refresh(`${id}.${'A'.repeat(43)}`), ErrorCode.Unauthenticated);
    await expectDomainError(auth.refresh('not-a-token-at-all-xxxxxxxx'), ErrorCode.Unauthenticated);
    expect(await auth.logout(pair.refreshToken)).toEqual({ revoked: true });
    await expectDomainError(auth.refresh(pair.refreshToken), ErrorCode.Unauthenticated);
  });

  it('lets only admins list and create staff, and refuses a taken e-mail with CONFLICT', async () => {
    const admin = await auth.login({ email: 'admin@birgemiz.test', password: ADMIN.password });
    await expectDomainError(staff.list({ id: admin.staff.id, role: 'editor' }, 1, 10), ErrorCode.Forbidden);
    await expectDomainError(
      staff.create({ id: admin.staff.id, role: 'coordinator' }, { email: 'x@birgemiz.test', displayName: 'X', role: 'admin', password: 'long-enough-pass' }),
      ErrorCode.Forbidden,
    );
    await expectDomainError(
      staff.create({ id: admin.staff.id, role: 'admin' }, { email: 'ADMIN@birgemiz.test', displayName: 'Dup', role: 'editor', password: 'long-enough-pass' }),
      ErrorCode.Conflict,
    );
  });
});
