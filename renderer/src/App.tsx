import { useCallback, useEffect, useState, type ReactNode } from 'react'
import type { KioskSettings } from '../../preload/api'
import { kioskApi } from './bridge'
import { IdleOverlay } from './components/IdleOverlay'
import { Spinner } from './components/Screen'
import { LanguagePicker } from './components/LanguagePicker'
import { ModeBadge, StatusBar } from './components/StatusBar'
import { createFaceTecAdapter, followKioskLanguage } from './facetec'
import { LANGUAGE_TAGS, useLanguageStore, useT } from './i18n'
import { createJourney } from './journey/journey'
import { JourneyContext } from './journey/journey-context'
import { useIdleReset } from './journey/use-idle-reset'
import { createVisitReporter, firstMarkSince } from './journey/visit-report'
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
import { StaffScreen } from './staff/StaffScreen'
import { useStaffEntry } from './staff/use-staff-entry'
import { BUSY_SCREENS, STAFF_SCREENS, useJourneyStore, type ScreenName } from './stores/journey-store'
import { useSettingsStore } from './stores/settings-store'
import { useStatusStore } from './stores/status-store'

const SCREENS: Record<ScreenName, () => ReactNode> = {
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
  staff: StaffScreen
}

/** Screens that end a visit: the kiosk goes back to the start after the result time. */
const ENDING_SCREENS: readonly ScreenName[] = ['result', 'queued', 'call-staff']

export function App() {
  const settings = useSettingsStore((state) => state.settings)
  const language = useLanguageStore((state) => state.language)
  const connectStatus = useStatusStore((state) => state.connect)

  useEffect(() => connectStatus(kioskApi()), [connectStatus])
  useEffect(() => {
    void useSettingsStore
      .getState()
      .load(kioskApi())
      .then((loaded) => {
        if (loaded) useLanguageStore.getState().setLanguage(loaded.defaultLanguage)
      })
  }, [])
  useEffect(() => {
    document.documentElement.lang = LANGUAGE_TAGS[language]
  }, [language])

  return (
    <div className="app" data-screen={settings ? undefined : 'loading'}>
      <ModeBadge />
      <main className="app__main">{settings ? <Kiosk settings={settings} /> : <Loading />}</main>
      <StatusBar />
    </div>
  )
}

function Loading() {
  const t = useT()
  return <Spinner label={t('status.loading')} />
}

function Kiosk({ settings }: { settings: KioskSettings }) {
  // One journey and one FaceTec adapter for the app's life; settings are read live, since staff may change them.
  const [journey] = useState(() => {
    const api = kioskApi()
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
      settings: () => useSettingsStore.getState().settings ?? settings,
      reloadSettings: async () => {
        await useSettingsStore.getState().load(api)
      }
    })
  })
  useEffect(() => journey.connect(), [journey])
  // How each visit went, for the fleet's telemetry in main (codes and milliseconds only).
  const [visits] = useState(() =>
    createVisitReporter({
      store: useJourneyStore,
      report: (report) => void kioskApi().reportVisit(report),
      now: () => performance.now(),
      sessionStart: firstMarkSince('facetec:session:start')
    })
  )
  useEffect(() => visits.connect(), [visits])
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
    onExpire: () => {
      visits.idleExpired()
      void journey.reset()
    }
  })
  const Current = SCREENS[screen]

  return (
    <JourneyContext.Provider value={journey}>
      {/* Any screen the person uses can switch language; not while FaceTec runs or the result is awaited. */}
      {!BUSY_SCREENS.includes(screen) && (
        <header className="top-bar">
          <LanguagePicker />
        </header>
      )}
      <div className="kiosk" data-screen={screen}>
        <Current />
      </div>
      {idle.secondsLeft !== null && <IdleOverlay secondsLeft={idle.secondsLeft} onStay={idle.stay} />}
    </JourneyContext.Provider>
  )
}
