import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react'
import type { KioskApi, JourneySettings } from '../../preload/api'
import type { Clock } from './clock'
import { IdleOverlay } from './components/IdleOverlay'
import { Spinner } from './components/Screen'
import { LanguagePicker } from './components/LanguagePicker'
import { ModeBadge, StatusBar } from './components/StatusBar'
import { createFaceTecAdapter, followKioskLanguage } from './facetec'
import { useLanguageStore, useT } from './i18n'
import { createJourney } from './journey/journey'
import { JourneyContext } from './journey/journey-context'
import { useIdleReset } from './journey/use-idle-reset'
import { AttractScreen } from './screens/AttractScreen'
import { CallStaffScreen } from './screens/CallStaffScreen'
import { CameraCheckScreen } from './screens/CameraCheckScreen'
import { ConsentScreen } from './screens/ConsentScreen'
import { LivenessScreen } from './screens/LivenessScreen'
import { OutOfServiceScreen } from './screens/OutOfServiceScreen'
import { ProcessingScreen } from './screens/ProcessingScreen'
import { QueuedScreen } from './screens/QueuedScreen'
import { ReferenceScreen } from './screens/ReferenceScreen'
import { ResultScreen } from './screens/ResultScreen'
import { RetryScreen } from './screens/RetryScreen'
import { StaffPinScreen } from './staff/StaffPinScreen'
import { loadStaffScreen } from './staff/load-staff-screen'
import { createStaffController } from './staff/staff-controller'
import { StaffContext } from './staff/staff-context'
import { useStaffStore } from './staff/staff-store'
import { useStaffEntry } from './staff/use-staff-entry'
import { BUSY_SCREENS, STAFF_SCREENS, useJourneyStore, type ScreenName } from './stores/journey-store'
import { useJourneySettingsStore } from './stores/journey-settings-store'
import { useStatusStore } from './stores/status-store'

const SCREENS: Record<ScreenName, ComponentType> = {
  attract: AttractScreen,
  consent: ConsentScreen,
  reference: ReferenceScreen,
  'camera-check': CameraCheckScreen,
  liveness: LivenessScreen,
  retry: RetryScreen,
  processing: ProcessingScreen,
  result: ResultScreen,
  queued: QueuedScreen,
  'call-staff': CallStaffScreen,
  'out-of-service': OutOfServiceScreen,
  'staff-pin': StaffPinScreen,
  staff: lazy(loadStaffScreen)
}

/** Screens that end a visit: the kiosk goes back to the start after the result time. */
const ENDING_SCREENS: readonly ScreenName[] = ['result', 'queued', 'call-staff']

/** What the app is built on, handed in by the composition root (main.tsx). */
export interface AppProps {
  /** Main's API, as the preload exposed it. */
  api: KioskApi
  /** The idle reset's time. */
  clock: Clock
}

export function App({ api, clock }: AppProps) {
  const settings = useJourneySettingsStore((state) => state.settings)
  const language = useLanguageStore((state) => state.language)
  const connectStatus = useStatusStore((state) => state.connect)

  useEffect(() => connectStatus(api), [connectStatus, api])
  useEffect(() => {
    void useJourneySettingsStore
      .getState()
      .load(api)
      .then((loaded) => {
        if (loaded) useLanguageStore.getState().setLanguage(loaded.defaultLanguage)
      })
  }, [api])
  useEffect(() => {
    // Screen readers pick their voice from it; the language codes are BCP 47 tags.
    document.documentElement.lang = language
  }, [language])

  return (
    <div className="app" data-screen={settings ? undefined : 'loading'}>
      <ModeBadge />
      <main className="app__main">
        {settings ? <Kiosk api={api} clock={clock} settings={settings} /> : <Loading />}
      </main>
      <StatusBar />
    </div>
  )
}

function Loading() {
  const t = useT()
  return <Spinner label={t('status.loading')} />
}

function Kiosk({ api, clock, settings }: { api: KioskApi; clock: Clock; settings: JourneySettings }) {
  // One journey and one FaceTec adapter for the app's life; settings are read live, since staff may change them.
  const [journey] = useState(() => {
    const adapter = createFaceTecAdapter({
      baseUrl: settings.sdk.baseUrl,
      language: useLanguageStore.getState().language,
      // Main logs how every FaceTec initialization and session ended, and shows staff the last one.
      onOutcome: (outcome) => void api.reportFaceTecOutcome(outcome)
    })
    followKioskLanguage(adapter)
    return createJourney({
      api,
      adapter,
      store: useJourneyStore,
      status: useStatusStore,
      settings: () => useJourneySettingsStore.getState().settings ?? settings,
      reloadSettings: async () => {
        await useJourneySettingsStore.getState().load(api)
      },
      setLanguage: (language) => useLanguageStore.getState().setLanguage(language),
      mark: (name) => performance.mark(name)
    })
  })
  const [staff] = useState(() => createStaffController({ api, store: useStaffStore }))
  useEffect(() => journey.connect(), [journey])
  useStaffEntry(useCallback(() => void journey.openStaff(), [journey]))

  const screen = useJourneyStore((state) => state.screen)
  const ending = ENDING_SCREENS.includes(screen)
  const idle = useIdleReset({
    enabled:
      screen !== 'attract' &&
      screen !== 'out-of-service' &&
      !BUSY_SCREENS.includes(screen) &&
      !STAFF_SCREENS.includes(screen),
    idleMs:
      (ending ? Math.max(1, settings.resultSeconds - settings.idleCountdownSeconds) : settings.idleTimeoutSeconds) *
      1000,
    countdownMs: settings.idleCountdownSeconds * 1000,
    onExpire: () => void journey.reset(),
    clock
  })
  const Current = SCREENS[screen]

  return (
    <JourneyContext.Provider value={journey}>
      <StaffContext.Provider value={staff}>
        {/* Any screen the person uses can switch language; not while FaceTec runs or the result is awaited. */}
        {!BUSY_SCREENS.includes(screen) && (
          <header className="top-bar">
            <LanguagePicker />
          </header>
        )}
        <div className="kiosk" data-screen={screen}>
          {/* Staff mode's screen loads when it is first needed. */}
          <Suspense fallback={<Loading />}>
            <Current />
          </Suspense>
        </div>
        {idle.secondsLeft !== null && <IdleOverlay secondsLeft={idle.secondsLeft} onStay={idle.stay} />}
      </StaffContext.Provider>
    </JourneyContext.Provider>
  )
}
