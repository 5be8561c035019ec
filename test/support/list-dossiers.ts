/**
 * Assure's List dossiers over real HTTP, for the engines the tests run: the Assure client has no
 * `listDossiers` yet, and the engine takes the call as a dependency. Kept free of fixture imports so
 * the crash tests' bundled child can use it too. Replace with `client.listDossiers` once it exists.
 */
import { request, type Dispatcher } from 'undici'
import { AssureError } from '../../main/assure/errors'
import type { ListedDossier } from '../../main/verification/engine'

export function sandboxDossierLister(options: { baseUrl: string; tokenUrl: string; clientId: string; clientSecret: string; dispatcher: Dispatcher }) {
  const network = (error: unknown): never => {
    // A dropped connection is the network's doing: the engine tries again later.
    throw new AssureError({ kind: 'network', operation: 'listDossiers', ambiguous: false, cause: error })
  }
  return async (): Promise<ListedDossier[]> => {
    const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`).toString('base64')
    const token = await request(options.tokenUrl, {
      method: 'POST',
      dispatcher: options.dispatcher,
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=signicat-api'
    }).catch(network)
    const { access_token: accessToken } = (await token.body.json()) as { access_token: string }
    const listed = await request(`${options.baseUrl}/assure/dossiers`, {
      dispatcher: options.dispatcher,
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' }
    }).catch(network)
    if (listed.statusCode !== 200) {
      await listed.body.dump()
      throw new AssureError({ kind: listed.statusCode >= 500 ? 'server' : 'client', operation: 'listDossiers', status: listed.statusCode, ambiguous: false })
    }
    try {
      return (await listed.body.json()) as ListedDossier[]
    } catch (error) {
      throw new AssureError({ kind: 'malformed', operation: 'listDossiers', ambiguous: false, cause: error })
    }
  }
}
