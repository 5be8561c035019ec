// Plain TypeScript: the end-to-end harness (Node) and the browser tests both compare pictures with it.

/** Mean absolute difference per colour channel (0..255), ignoring alpha. */
export function meanDifference(a: number[], b: number[]): number {
  if (a.length !== b.length) throw new Error('thumbnails differ in size')
  let sum = 0
  let count = 0
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue
    sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
    count++
  }
  return sum / count
}
