/** Base64 without a data: prefix, the way FaceTec hands over faceScans and audit-trail JPEGs. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = ''
  // Chunked: String.fromCharCode with hundreds of thousands of arguments overflows the stack.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000))
  }
  return btoa(binary)
}

export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()))
}
