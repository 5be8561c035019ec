/**
 * Packaging with electron-builder: a Windows installer (NSIS) and Linux packages (AppImage, deb), with
 * Electron's fuses flipped in the packaged binary. Used as `electron-builder --config
 * electron-builder.config.ts` (see the `dist:*` scripts); building needs Electron's download, so it
 * runs on a connected machine. test/main/packaging/electron-builder.test.ts validates this file
 * offline with electron-builder's own loader and schema, and flips the fuses on a stand-in binary.
 */
import type { Configuration } from 'electron-builder'

/**
 * Fuses are compiled into the Electron binary and cannot be changed by the app or its environment.
 * electron-builder flips them after packing, right before signing.
 */
export const fuses = {
  // ELECTRON_RUN_AS_NODE would turn the signed kiosk binary into a plain Node.js for anyone.
  runAsNode: false,
  // NODE_OPTIONS / NODE_EXTRA_CA_CERTS could inject code or trust into main; the kiosk needs neither.
  enableNodeOptionsEnvironmentVariable: false,
  // --inspect and SIGUSR1 would open a debugger onto main, which holds the Assure credentials.
  // (This also stops Playwright's _electron.launch on an installed build; `npm run test:electron` runs the
  // built app on node_modules' unpackaged Electron instead.)
  enableNodeCliInspectArguments: false,
  // Chromium's cookie store encrypted with the OS key, like the rest of the kiosk's data at rest.
  enableCookieEncryption: true,
  // app.asar is checked against the hash stored in the binary (macOS; Windows since Electron 30;
  // Linux has no such check yet, the fuse is harmless there) ...
  enableEmbeddedAsarIntegrityValidation: true,
  // ... and only app.asar is ever loaded, so no unpacked `app` folder can take its place.
  onlyLoadAppFromAsar: true,
  // The kiosk is served from its own scheme; file:// pages get no extra privileges.
  grantFileProtocolExtraPrivileges: false
} as const satisfies NonNullable<Configuration['electronFuses']>

const config: Configuration = {
  appId: 'com.assurekiosk.kiosk',
  productName: 'Assure Kiosk',
  // The Linux binary's name (Windows uses the product name: "Assure Kiosk.exe").
  executableName: 'assure-kiosk',
  copyright: 'Copyright © Assure Kiosk contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only what electron-vite built, and package.json (its "main" is out/main/index.js). The production
  // dependencies (package.json "dependencies") are added by electron-builder; devDependencies never ship.
  files: ['out/**/*', 'package.json'],
  // Next to app.asar, as <resources>/resources/: main/index.ts reads process.resourcesPath/resources
  // (the demo reference photo; the example config for operators).
  extraResources: [{ from: 'resources', to: 'resources', filter: ['**/*'] }],
  asar: true,
  // No native modules: nothing to rebuild against Electron's headers.
  npmRebuild: false,
  electronFuses: fuses,
  // Installers are handed to the fleet's software distribution; nothing is uploaded from here.
  publish: null,

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }]
  },
  nsis: {
    // One installation for the machine (kiosks run under a dedicated account), into Program Files.
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    artifactName: 'assure-kiosk-${version}-setup-${arch}.${ext}'
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] }
    ],
    category: 'Utility',
    synopsis: 'Identity verification kiosk (Signicat Assure, FaceTec liveness)',
    maintainer: 'Assure Kiosk operations <kiosk-ops@example.com>',
    artifactName: 'assure-kiosk-${version}-${arch}.${ext}'
  },
  deb: {
    // safeStorage needs a running keyring (GNOME Keyring or KWallet); without one Electron falls back
    // to its plaintext backend and live mode refuses to start (README "Secrets").
    recommends: ['gnome-keyring']
  }
}

export default config
