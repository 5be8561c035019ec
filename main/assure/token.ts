/**
 * OAuth2 client-credentials tokens for Assure: HTTP Basic client authentication, a form body with
 * `grant_type=client_credentials` and the scope (`signicat-api`). The token is cached in memory until
 * shortly before `expires_in`; concurrent callers share one refresh. Nothing here is ever logged.
 */
import type { Clock } from '../lib/clock'
import { AssureError } from './errors'
import type { AssureOperation } from './operations'
import { TokenResponse } from './schemas'
import { readJson, type Transport } from './transport'

/** The token request's operation name (main/assure/operations.ts). */
const TOKEN = 'token' satisfies AssureOperation

export interface TokenProviderOptions {
  transport: Transport
  clock: Clock
  tokenUrl: string
  scope: string
  /** A function when staff can change it while the kiosk runs. */
  clientId: string | (() => string)
  /** Read at each token call, so a secret can be rotated (or unlocked) without rebuilding the client. */
  clientSecret: () => Promise<string>
  /** Renew this long before expiry at most; short-lived tokens renew after 90 % of their life. */
  refreshMarginMs?: number
}

export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<string>
  /** Forgets the cached token and gets a new one: proves the credentials work now. */
  renew(): Promise<string>
  /** Forgets `token` if it is still the cached one (Assure answered 401 with it). */
  invalidate(token: string): void
}

export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const { transport, clock, tokenUrl, scope } = options
  const clientIdNow = (): string => (typeof options.clientId === 'function' ? options.clientId() : options.clientId)
  const refreshMarginMs = options.refreshMarginMs ?? 30_000
  let cached: { token: string; renewAt: number } | null = null
  let inFlight: Promise<string> | null = null

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    const secret = await options.clientSecret()
    const basic = Buffer.from(`${encodeURIComponent(clientIdNow())}:${encodeURIComponent(secret)}`).toString('base64')
    const requestedAt = clock.now()
    const answer = await transport
      .send({
        operation: TOKEN,
        method: 'POST',
        url: tokenUrl,
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json'
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
        consume: (response) => readJson(response, TokenResponse, 256 * 1024),
        signal
      })
      .catch((error: unknown) => {
        // The token endpoint refusing us (400 invalid_client, 401) is a configuration problem.
        if (
          error instanceof AssureError &&
          (error.kind === 'client' || error.kind === 'auth' || error.kind === 'not-found')
        ) {
          throw new AssureError({
            kind: 'auth',
            operation: TOKEN,
            status: error.status,
            problem: error.problem,
            ambiguous: false,
            cause: error
          })
        }
        throw error
      })
    const lifetimeMs = answer.expires_in * 1000
    cached = {
      token: answer.access_token,
      renewAt: requestedAt + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs * 0.1)
    }
    return answer.access_token
  }

  return {
    getToken(signal) {
      if (cached && clock.now() < cached.renewAt) return Promise.resolve(cached.token)
      inFlight ??= fetchToken(signal).finally(() => {
        inFlight = null
      })
      return inFlight
    },
    invalidate(token) {
      if (cached?.token === token) cached = null
    },
    renew() {
      cached = null
      inFlight ??= fetchToken().finally(() => {
        inFlight = null
      })
      return inFlight
    }
  }
}
