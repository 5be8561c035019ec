/**
 * Where the FaceTec Browser SDK lives. Main serves the operator's FaceTec folder (or demo mode's
 * simulated one) under this prefix of the app's own origin, because the SDK starts a Worker and
 * fetches .wasm/.data from its resource directory, which neither file:// nor another origin allows.
 */
export const DEFAULT_SDK_BASE_URL = '/facetec-sdk/'

export interface SdkLocation {
  /** The classic script that defines `window.FaceTecSDK`. */
  scriptUrl: string
  /** For `setResourceDirectory`: the Worker script, .wasm and .data files. */
  resourceDirectory: string
  /** For `setImagesDirectory`: one flat folder of images. */
  imagesDirectory: string
}

/** The paths inside FaceTec's zip layout (`core-sdk/FaceTecSDK.js/...`), below `baseUrl`. */
export function sdkLocation(baseUrl: string = DEFAULT_SDK_BASE_URL): SdkLocation {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return {
    scriptUrl: `${base}core-sdk/FaceTecSDK.js/FaceTecSDK.js`,
    resourceDirectory: `${base}core-sdk/FaceTecSDK.js/resources`,
    imagesDirectory: `${base}core-sdk/FaceTec_images`
  }
}
