/**
 * Serves the built renderer on a loopback origin through main's own app-origin request handler, so
 * the layout (/, /assets, /facetec-sdk/) is exactly the one the custom scheme serves in Electron.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { AppRequestHandler } from '../../../main/app-origin/app-request-handler'

export interface AppServer {
  url: string
  close(): Promise<void>
}

/** `handlerFor` gets the server's origin (its port is known once it listens). */
export async function startAppServer(handlerFor: (origin: string) => AppRequestHandler): Promise<AppServer> {
  let handler: AppRequestHandler = async () => new Response(null, { status: 503 })
  const server: Server = createServer((req, res) => {
    const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url ?? '/'}`, { method: req.method })
    handler(request)
      .then(async (response) => {
        const body = request.method === 'HEAD' ? null : Buffer.from(await response.arrayBuffer())
        res.writeHead(response.status, Object.fromEntries(response.headers))
        res.end(body)
      })
      .catch(() => {
        res.writeHead(500)
        res.end()
      })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  handler = handlerFor(url)
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
