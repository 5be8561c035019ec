/**
 * Checks a full-result zip before it is archived: it must open, hold at least one entry, and unpack to
 * no more than a limit. The entries are inflated as a stream and counted as they come, so a zip bomb
 * (a few KiB that unpack to gigabytes, whatever its headers claim) is stopped at the limit having cost
 * one chunk of memory at a time, and nothing unpacked is kept.
 */
import { createInflateRaw } from 'node:zlib'
import { FullResultTooLarge, MalformedResponse } from './transport'

export interface ZipLimits {
  /** All entries together, unpacked. */
  maxUnpackedBytes: number
  maxEntries: number
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50
const CENTRAL_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

export async function checkZip(zip: Buffer, limits: ZipLimits): Promise<{ entries: number; unpackedBytes: number }> {
  const end = findEndOfCentralDirectory(zip)
  const entries = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  if (entries === 0) throw new MalformedResponse('the zip is empty')
  if (entries === 0xffff || at === 0xffffffff) throw new MalformedResponse('the zip is a zip64 archive')
  if (entries > limits.maxEntries) throw new FullResultTooLarge(`the zip has more than ${limits.maxEntries} entries`)

  let unpacked = 0
  const tooLarge = (): FullResultTooLarge =>
    new FullResultTooLarge(`the full result unpacks to more than ${limits.maxUnpackedBytes} bytes`)
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL_ENTRY)
      throw new MalformedResponse('the zip’s directory is damaged')
    const method = zip.readUInt16LE(at + 10)
    const packedSize = zip.readUInt32LE(at + 20)
    const declaredSize = zip.readUInt32LE(at + 24)
    const local = zip.readUInt32LE(at + 42)
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
    // What the headers claim is refused at once; what they hide is caught while inflating.
    if (unpacked + declaredSize > limits.maxUnpackedBytes) throw tooLarge()

    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL_HEADER)
      throw new MalformedResponse('the zip’s entries are damaged')
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    if (start + packedSize > zip.length) throw new MalformedResponse('the zip is cut short')
    const data = zip.subarray(start, start + packedSize)
    if (method === 0) unpacked += data.length
    else if (method === 8) unpacked += await inflatedSize(data, limits.maxUnpackedBytes - unpacked, tooLarge)
    else throw new MalformedResponse(`the zip uses compression method ${method}`)
    if (unpacked > limits.maxUnpackedBytes) throw tooLarge()
  }
  return { entries, unpackedBytes: unpacked }
}

function findEndOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65535.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at
  }
  throw new MalformedResponse('not a zip (no central directory)')
}

/** Inflates `data` chunk by chunk, keeping none of it; stops as soon as more than `budget` bytes came out. */
function inflatedSize(data: Buffer, budget: number, tooLarge: () => Error): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw()
    let size = 0
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > budget) inflater.destroy(tooLarge())
    })
    inflater.on('error', (error) =>
      reject(error instanceof FullResultTooLarge ? error : new MalformedResponse('the zip’s data is damaged'))
    )
    inflater.on('end', () => resolve(size))
    inflater.end(data)
  })
}
