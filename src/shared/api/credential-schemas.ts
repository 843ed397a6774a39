import { z } from 'zod'

/**
 * Schemas of credentials as the UI sees them (issue 5). A credential's secret never appears in
 * any schema here except the one request field that brings it in (`CredentialSecretSchema`).
 */

/** What a credential holds: an access token (JWT), a refresh token, or the E2E OAuth simulation key. */
export const CredentialKindSchema = z.enum(['access-token', 'refresh-token', 'e2e-simulation-key'])
/** What a credential holds. */
export type CredentialKind = z.infer<typeof CredentialKindSchema>

/** Labels form the keychain account `<environmentId>/<label>`, so a slash would make accounts ambiguous. */
export const CredentialLabelSchema = z
  .string()
  .trim()
  .min(1, 'label is empty')
  .max(64, 'label is longer than 64 characters')
  // eslint-disable-next-line no-control-regex
  .refine((label) => !/[/\u0000-\u001f\u007f]/.test(label), 'label must not contain "/" or control characters')

/** The secret, once, on its way in; at least 8 characters because shorter strings cannot be redacted safely. */
export const CredentialSecretSchema = z
  .string()
  .trim()
  .min(8, 'the secret is shorter than 8 characters: not a real token or key')
  .max(16_384, 'the secret is longer than 16 KiB')

/** The non-secret claims of a JWT, decoded without verifying it. */
export const CredentialClaimsSchema = z.object({
  sub: z.string().nullable(),
  email: z.string().nullable(),
  env: z.string().nullable(),
  /** Expiry, epoch seconds (as in the token). */
  exp: z.number().nullable()
})

/** A credential as every UI sees it: never the secret. */
export const CredentialInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: CredentialKindSchema,
  environmentId: z.string(),
  createdAt: z.number(),
  /** `memory`: kept for this run only (opted-in fallback, or a minted session token). */
  storage: z.enum(['keychain', 'memory']),
  claims: CredentialClaimsSchema.nullable(),
  /** Expiry in epoch ms; null when the secret carries none. */
  expiresAt: z.number().nullable(),
  /** `expiring-soon`: less than 5 minutes left. `none`: not a JWT, or no `exp`. */
  expiry: z.enum(['valid', 'expiring-soon', 'expired', 'none'])
})
/** A credential as every UI sees it. */
export type CredentialInfo = z.infer<typeof CredentialInfoSchema>

/** Why the OS keychain cannot be used. */
export const KeychainReasonSchema = z.enum([
  'keytar-not-built',
  'no-dbus-session',
  'no-secret-service',
  'locked',
  'access-denied',
  'timeout',
  'unknown'
])
/** Why the OS keychain cannot be used. */
export type KeychainReason = z.infer<typeof KeychainReasonSchema>

/** Whether the keychain works; if not, the cause and the fix, and whether the in-memory fallback is on. */
export const KeychainStatusSchema = z.object({
  available: z.boolean(),
  reason: KeychainReasonSchema.nullable(),
  cause: z.string().nullable(),
  fix: z.string().nullable(),
  memoryFallback: z.boolean()
})
/** Whether the keychain works. */
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>

/** Every credential plus the keychain's state (the `credentials.list` response and `credentials.changed` payload). */
export const CredentialListSchema = z.object({
  credentials: z.array(CredentialInfoSchema),
  keychain: KeychainStatusSchema,
  /** Set when credentials.json could not be read (it was moved aside; nothing was lost). */
  loadError: z.string().optional()
})
