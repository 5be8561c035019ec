/**
 * A zip bomb for the sandbox's `zip-bomb` fault: one entry of zeros, deflated, that unpacks to
 * `unpackedMiB` while the answer stays a few KiB (deflate packs zeros about 1000:1). Built as a stream,
 * so making a 4 GiB bomb costs the sandbox a few KiB of memory, not 4 GiB. `declaredMiB` is what the
 * headers claim (a bomb may lie, to get past a check that trusts them).
 */
import { createDeflateRaw, crc32 } from 'node:zlib'

const MIB = 1024 * 1024

export async function zipBomb(options: { unpackedMiB: number; declaredMiB?: number }): Promise<Buffer> {
  const zeros = Buffer.alloc(MIB)
  const deflater = createDeflateRaw({ level: 9 })
  const parts: Buffer[] = []
  deflater.on('data', (chunk: Buffer) => parts.push(chunk))
  const finished = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve)
    deflater.on('error', reject)
  })
  let crc = 0
  for (let i = 0; i < options.unpackedMiB; i++) {
    crc = crc32(zeros, crc)
    if (!deflater.write(zeros)) await new Promise((resolve) => deflater.once('drain', resolve))
  }
  deflater.end()
  await finished
  const data = Buffer.concat(parts)
  const size = Math.min((options.declaredMiB ?? options.unpackedMiB) * MIB, 0xffffffff)
  const name = Buffer.from('process.json')

  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4) // version needed
  local.writeUInt16LE(8, 8) // deflate
  local.writeUInt32LE(crc >>> 0, 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(size, 22)
  local.writeUInt16LE(name.length, 26)

  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(crc >>> 0, 16)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(size, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(0, 42) // the local header's offset

  const centralOffset = local.length + name.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + name.length, 12)
  end.writeUInt32LE(centralOffset, 16)

  return Buffer.concat([local, name, data, central, name, end])
}
