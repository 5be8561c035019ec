// Loaded (node --import) into Electron's own installer by scripts/ensure-electron.ts. When a download
// fails, the installer prints only "TypeError: fetch failed"; why it failed (no DNS, refused, a proxy,
// a TLS problem) is the error's cause, which this prints on one line for the ensure script to show.
const originalFetch = globalThis.fetch

globalThis.fetch = async function fetchTellingWhy(...args) {
  try {
    return await originalFetch.apply(this, args)
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined
    if (cause instanceof Error) {
      const code = 'code' in cause && typeof cause.code === 'string' ? cause.code : ''
      const why = code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message
      const target = args[0] instanceof Request ? args[0].url : String(args[0])
      process.stderr.write(`ensure-electron-cause: ${why} (${target})\n`)
    }
    throw error
  }
}
