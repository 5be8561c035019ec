/**
 * Serves files from one folder, refusing anything that could escape it: `..` segments (plain or
 * percent-encoded), encoded slashes and backslashes, NUL bytes, absolute paths, and symlinks whose
 * target lies outside the folder. Hidden files and folders (a name starting with a dot: `.git/`, `.env`,
 * `.DS_Store`) are never served: neither the renderer nor FaceTec's SDK has any, and an operator's
 * folder may. Used for the renderer bundle and for the operator's FaceTec SDK folder.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, sep } from 'node:path'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // Streaming compile (WebAssembly.instantiateStreaming) requires exactly this type.
  '.wasm': 'application/wasm',
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8'
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

export type ResolvedPath = { ok: true; path: string } | { ok: false; status: 400 | 404 }

/**
 * Turns the URL path below a mount point (still percent-encoded, e.g. `core-sdk/a%20b.js`) into an
 * absolute path inside `root`, or says why not. Does not touch the file system.
 */
export function resolveInside(root: string, encodedPath: string): ResolvedPath {
  const segments: string[] = []
  for (const raw of encodedPath.split('/')) {
    if (raw === '') continue
    let segment: string
    try {
      segment = decodeURIComponent(raw)
    } catch {
      return { ok: false, status: 400 }
    }
    if (segment === '.' || segment === '..') return { ok: false, status: 400 }
    if (/[/\\\0]/.test(segment) || segment.includes(':')) return { ok: false, status: 400 }
    if (segment.startsWith('.')) return { ok: false, status: 404 }
    segments.push(segment)
  }
  const candidate = join(root, ...segments)
  const rel = relative(root, candidate)
  if (rel.startsWith('..') || isAbsolute(rel)) return { ok: false, status: 400 }
  return { ok: true, path: candidate }
}

export interface ServeOptions {
  /** Whether these bytes may be served for this (real) file; false answers 404. */
  verify?: (realFile: string, body: Uint8Array) => boolean
}

/** Answers a GET for `encodedPath` below `root`. */
export async function serveFromFolder(
  root: string,
  encodedPath: string,
  options: ServeOptions = {}
): Promise<Response> {
  const resolved = resolveInside(root, encodedPath)
  if (!resolved.ok) return plain(resolved.status)
  let realRoot: string
  let realFile: string
  try {
    realRoot = await realpath(root)
    realFile = await realpath(resolved.path)
  } catch {
    return plain(404)
  }
  // A symlink inside the folder must not lead outside it.
  if (realFile !== realRoot && !realFile.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep))
    return plain(404)
  // Nor may one lead to a hidden file inside it.
  if (
    relative(realRoot, realFile)
      .split(sep)
      .some((segment) => segment.startsWith('.'))
  )
    return plain(404)
  try {
    const info = await stat(realFile)
    if (!info.isFile()) return plain(404)
    const body = await readFile(realFile)
    if (options.verify && !options.verify(realFile, body)) return plain(404)
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': mimeTypeOf(realFile),
        'Content-Length': String(body.byteLength),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache'
      }
    })
  } catch {
    return plain(404)
  }
}

export function plain(status: number, text = statusText(status)): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }
  })
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'Bad request',
    404: 'Not found',
    405: 'Method not allowed',
    421: 'Misdirected request'
  }
  return texts[status] ?? 'Error'
}
