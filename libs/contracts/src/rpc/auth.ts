import { z } from 'zod';

export const STAFF_ROLES = ['admin', 'editor', 'coordinator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const emailSchema = z.string().trim().toLowerCase().email().max(254);

/** Body of POST /api/v1/auth/login. */
export const loginBodySchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1).max(1024),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

/** Body of POST /api/v1/auth/refresh and /logout. */
export const refreshBodySchema = z.object({ refreshToken: z.string().min(20).max(512) }).strict();
export type RefreshBody = z.infer<typeof refreshBodySchema>;

export const loginRequestSchema = loginBodySchema.extend({ clientIp: z.string().max(64).optional() });
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export interface StaffIdentity {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
}

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  staff: StaffIdentity;
}

/** Claims of the access token (HS256 JWT signed by the volunteers service, verified by the gateway). */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: StaffRole;
  name: string;
  typ: 'access';
}

export const JWT_ISSUER = 'birgemiz-volunteers';
export const JWT_AUDIENCE = 'birgemiz-api';

export const createStaffBodySchema = z
  .object({
    email: emailSchema,
    displayName: z.string().trim().min(1).max(120),
    role: z.enum(STAFF_ROLES),
    password: z.string().min(12).max(256),
  })
  .strict();
export type CreateStaffBody = z.infer<typeof createStaffBodySchema>;


/** The signed-in staff member on whose behalf the gateway calls a service (taken from the verified JWT). */
export const staffActorSchema = z.object({ id: z.string().uuid(), role: z.enum(STAFF_ROLES) }).strict();
export type StaffActor = z.infer<typeof staffActorSchema>;

export const staffListRequestSchema = z
  .object({
    actor: staffActorSchema,
    page: z.number().int().min(1).max(100_000),
    pageSize: z.number().int().min(1).max(100),
  })
  .strict();
export type StaffListRequest = z.infer<typeof staffListRequestSchema>;

export const staffCreateRequestSchema = z.object({ actor: staffActorSchema, account: createStaffBodySchema }).strict();
export type StaffCreateRequest = z.infer<typeof staffCreateRequestSchema>;
