/**
 * Some initialization problems (a malformed public key: "Error Code 980897") reach the page only as a
 * console error; the init callback still answers a bare boolean. So while initializing we listen to
 * console.error for FaceTec's "FaceTec Browser SDK Error Code NNN" lines (GoodDollar's technique,
 * reference §2 and §6.1). Everything is still passed through to the real console.
 */
const FACETEC_ERROR_LINE = /FaceTec Browser SDK Error Code\s*(\d+)/

export interface SdkConsoleError {
  code: string
  text: string
}

export interface ConsoleErrorWatch {
  readonly errors: readonly SdkConsoleError[]
  stop(): void
}

export function watchSdkConsoleErrors(): ConsoleErrorWatch {
  const target = globalThis.console
  const original = target.error
  const errors: SdkConsoleError[] = []
  const watcher = function (this: unknown, ...args: unknown[]): void {
    const text = args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')
    const code = FACETEC_ERROR_LINE.exec(text)?.[1]
    if (code) errors.push({ code, text })
    original.apply(this, args)
  }
  target.error = watcher
  return {
    errors,
    stop() {
      // Only undo our own wrapper: someone may have wrapped console.error after us.
      if (target.error === watcher) target.error = original
    }
  }
}
