import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chooseSdkFolder } from '../../../main/app-origin/sdk-folder'
import { FACETEC_SDK_SCRIPT as SDK_SCRIPT } from '../../../preload/api'
import { tempDir } from '../../support/temp-dir'

async function folderWithSdk(): Promise<string> {
  const dir = await tempDir('kiosk-sdk')
  mkdirSync(dirname(join(dir, SDK_SCRIPT)), { recursive: true })
  writeFileSync(join(dir, SDK_SCRIPT), 'var FaceTecSDK = {}')
  return dir
}

describe('choosing the FaceTec SDK folder', () => {
  it('serves the simulated SDK in demo mode, without eval, even if an operator folder is configured', async () => {
    const simulated = await folderWithSdk()
    expect(
      chooseSdkFolder({ mode: 'demo', simulatedRoot: simulated, operatorFolder: '/opt/facetec', allowUnsafeEval: true })
    ).toEqual({ root: simulated, simulated: true, allowEval: false, problem: null })
  })

  it('serves the operator’s folder in live mode, with eval as configured', async () => {
    const operator = await folderWithSdk()
    expect(
      chooseSdkFolder({ mode: 'live', simulatedRoot: '/x', operatorFolder: operator, allowUnsafeEval: true })
    ).toEqual({ root: operator, simulated: false, allowEval: true, problem: null })
    expect(
      chooseSdkFolder({ mode: 'live', simulatedRoot: '/x', operatorFolder: operator, allowUnsafeEval: false }).allowEval
    ).toBe(false)
  })

  it('never falls back to the simulated SDK in live mode, and says what is wrong', async () => {
    const empty = await tempDir('kiosk-sdk')
    expect(
      chooseSdkFolder({ mode: 'live', simulatedRoot: await folderWithSdk(), allowUnsafeEval: true })
    ).toMatchObject({ root: null, simulated: false, problem: expect.stringContaining('facetec.sdkFolder') })
    expect(
      chooseSdkFolder({ mode: 'live', simulatedRoot: '/x', operatorFolder: empty, allowUnsafeEval: true }).problem
    ).toContain('FaceTecSDK.js')
  })
})
