/**
 * What crosses the API boundary for user and token administration (admins only), as zod schemas:
 * request bodies (strict: an unknown field is an error) and the views the API answers with. A token
 * view never carries the token or its hash; the token itself appears once, in IssuedToken.
 */
import { z } from 'zod';
import { PersonNameSchema } from './textSafety';
import { LANGS } from '../domain/messages/catalogue';

export const USER_ROLES = ['caseworker', 'supervisor', 'lawyer', 'director', 'admin'] as const;
export const UserRoleSchema = z.enum(USER_ROLES);

/** Ids are what assignments and the audit log name: short, readable, stable (`cw-ana`, `sup-beto`). */
export const UserIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, { message: 'must be 2–64 lower-case letters, digits, ., _ or -, starting with a letter or digit' });

const NameSchema = PersonNameSchema;
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));
const LanguageSchema = z.enum(LANGS);
/** The team a person works in (team_members); null takes them out of every team. */
const TeamIdSchema = z.string().trim().min(1).max(100);

export const NewUserBodySchema = z.strictObject({
  /** Chosen by the server from the role and the email when absent. */
  id: UserIdSchema.optional(),
  name: NameSchema,
  email: EmailSchema,
  role: UserRoleSchema,
  language: LanguageSchema.default('es'),
  team: TeamIdSchema.optional(),
});
export type NewUserBody = z.output<typeof NewUserBodySchema>;

export const UpdateUserBodySchema = z
  .strictObject({
    name: NameSchema.optional(),
    email: EmailSchema.optional(),
    role: UserRoleSchema.optional(),
    language: LanguageSchema.optional(),
    /** false: the person can no longer sign in, and every token they hold is revoked. */
    active: z.boolean().optional(),
    team: TeamIdSchema.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of name, email, role, language, active, team' });
export type UpdateUserBody = z.output<typeof UpdateUserBodySchema>;

export const NewTokenBodySchema = z.strictObject({
  /** What the token is for (`laptop`, `cli`), so it can be told apart when revoking. */
  label: z.string().trim().min(1, { message: 'is required' }).max(100).default('api'),
});
export type NewTokenBody = z.output<typeof NewTokenBodySchema>;

// Looser than UserIdSchema (people added before it existed may have other ids), but never a NUL or a space.
export const UserPathSchema = z.strictObject({ id: z.string().regex(/^[\w.@-]{1,100}$/, { message: 'is not a user id' }) });
export const TokenPathSchema = z.strictObject({ id: z.string().regex(/^tok_[a-z0-9]{8,64}$/, { message: "must be a token id like 'tok_…'" }) });

// ---- views --------------------------------------------------------------------------------------

export const TokenViewSchema = z.object({
  id: z.string(),
  userId: z.string(),
  label: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

export const UserViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: UserRoleSchema,
  language: LanguageSchema,
  active: z.boolean(),
  createdAt: z.string(),
  teams: z.array(z.string()),
  /** Open cases this person is assigned to: reassign them before changing the role. */
  openCases: z.number().int(),
  tokens: z.array(TokenViewSchema),
  /** Whether the person has a calendar feed link that works (an admin can end it). */
  calendarFeed: z.boolean(),
});
export type UserView = z.infer<typeof UserViewSchema>;

export const IssuedTokenSchema = z.object({
  /** The bearer token: shown this once, stored only as a SHA-256 hash. */
  token: z.string(),
  tokenInfo: TokenViewSchema,
  note: z.string(),
});
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;

export const TeamViewSchema = z.object({ id: z.string(), name: z.string(), supervisorId: z.string() });
export type TeamView = z.infer<typeof TeamViewSchema>;

export const CalendarFeedRevokedSchema = z.object({ userId: z.string(), revoked: z.boolean() });
