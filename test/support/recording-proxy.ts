/**
 * A recording HTTP proxy on loopback: what the client sends and what the server answers, byte for
 * byte, as they cross the wire. Neither side knows it is there, so what it records is what Assure
 * would see and what the client would get.
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Exchange {
  method: string
  /** Path and query, as sent. */
  url: string
  requestHeaders: IncomingHttpHeaders
  requestBody: Buffer
  status: number
  responseHeaders: IncomingHttpHeaders
  responseBody: Buffer
}

export interface RecordingProxy {
  url: string
  exchanges: Exchange[]
  close(): Promise<void>
}

const readAll = (stream: NodeJS.ReadableStream): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (chunk: Buffer) => chunks.push(chunk))
    stream.on('end', () => resolve(Buffer.concat(chunks)))
    stream.on('error', reject)
  })

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target)
  const exchanges: Exchange[] = []
  const server = createServer((req, res) => {
    void (async () => {
      const requestBody = await readAll(req)
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host }
        },
        (answer) => {
          void readAll(answer).then((responseBody) => {
            exchanges.push({
              method: req.method ?? 'GET',
              url: req.url ?? '/',
              requestHeaders: req.headers,
              requestBody,
              status: answer.statusCode ?? 0,
              responseHeaders: answer.headers,
              responseBody
            })
            res.writeHead(answer.statusCode ?? 502, answer.headers)
            res.end(responseBody)
          })
        }
      )
      forwarded.on('error', () => res.destroy())
      forwarded.end(requestBody)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
