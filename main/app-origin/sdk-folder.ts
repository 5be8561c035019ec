/**
 * Which FaceTec SDK folder the app origin serves (at FACETEC_SDK_MOUNT): demo mode's simulated SDK (built
 * into out/facetec-simulated), or the operator's FaceTec Browser SDK folder in live mode. The real
 * SDK's glue code likely needs eval; the simulated one does not, so demo mode keeps the strict CSP.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { FACETEC_SDK_SCRIPT, type AppMode } from '../../preload/api'

export interface SdkFolder {
  root: string | null
  simulated: boolean
  allowEval: boolean
  /** Why the SDK cannot load, for the out-of-service screen and staff diagnostics. */
  problem: string | null
}

/** The SDK script's path inside the folder, in this platform's separators. */
export const SDK_SCRIPT = join(...FACETEC_SDK_SCRIPT.split('/'))

export function chooseSdkFolder(options: {
  mode: AppMode
  simulatedRoot: string
  operatorFolder?: string
  allowUnsafeEval: boolean
}): SdkFolder {
  if (options.mode === 'demo') {
    const present = existsSync(join(options.simulatedRoot, SDK_SCRIPT))
    return {
      root: options.simulatedRoot,
      simulated: true,
      allowEval: false,
      problem: present ? null : 'The simulated FaceTec SDK is missing: run `npm run build`.'
    }
  }
  if (!options.operatorFolder)
    return {
      root: null,
      simulated: false,
      allowEval: false,
      problem: 'No FaceTec SDK folder is configured (facetec.sdkFolder).'
    }
  const present = existsSync(join(options.operatorFolder, SDK_SCRIPT))
  return {
    root: options.operatorFolder,
    simulated: false,
    allowEval: options.allowUnsafeEval,
    problem: present ? null : `The FaceTec SDK folder has no ${SDK_SCRIPT}.`
  }
}
