import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ComponentType, type ReactNode } from 'react'
import type { JourneySettings, KioskApi } from '../../preload/api'
import { useAudioStore } from './audio/audio-store'
import { playStaffChime } from './audio/chime'
import { useScreenSpeech } from './audio/use-screen-speech'
import type { Clock } from './clock'
import { AudioToggle } from './components/AudioToggle'
import { BrandBar } from './components/BrandBar'
import { IdleBanner } from './components/IdleBanner'
import { LanguagePicker } from './components/LanguagePicker'
import { Spinner } from './components/Screen'
import { ModeBadge, StatusBar } from './components/StatusBar'
import { createFaceTecAdapter, followKioskLanguage } from './facetec'
import { useLanguageStore, useT } from './i18n'
import { createJourney } from './journey/journey'
import { JourneyContext } from './journey/journey-context'
import { createSentToStaffSignal } from './journey/sent-to-staff'
import { useIdleReset } from './journey/use-idle-reset'
import { createVisitReporter, firstMarkSince } from './journey/visit-report'
import { AttractScreen } from './screens/AttractScreen'
import { CallStaffScreen } from './screens/CallStaffScreen'
import { CameraCheckScreen } from './screens/CameraCheckScreen'
import { ClosedScreen } from './screens/ClosedScreen'
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
import { applyAccent } from './theme'
import { BUSY_SCREENS, STAFF_SCREENS, useJourneyStore, type ScreenName } from './stores/journey-store'
import { useDeskStore } from './stores/desk-store'
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
  useEffect(() => useDeskStore.getState().connect(api), [api])
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
  useEffect(() => {
    if (settings) applyAccent(document.documentElement, settings.operator.accent)
  }, [settings])

  if (!settings) return <Frame main={<Loading />} />
  return <Kiosk api={api} clock={clock} settings={settings} />
}

/**
 * The kiosk's frame, the same on every screen: the operator's brand at the top, the screen, then the
 * bar within reach at the foot (languages and audio guidance, or the idle countdown in their place,
 * at the same height so nothing moves), and the status line.
 */
function Frame(props: { main: ReactNode; utility?: ReactNode; screen?: ScreenName; brand?: boolean }) {
  return (
    <div
      className="app"
      data-screen={props.screen ? undefined : 'loading'}
      data-staff={props.brand === false || undefined}
    >
      <ModeBadge />
      {props.brand !== false && <BrandBar />}
      <main className="app__main">{props.main}</main>
      <div className="utility-bar" data-testid="utility-bar">
        {props.utility}
      </div>
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
      onOutcome: (outcome) => void api.reportFaceTecOutcome(outcome),
      accent: settings.operator.accent,
      vocalGuidance: () => useAudioStore.getState().enabled
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
  // How each visit went, for the fleet's telemetry in main (codes and milliseconds only).
  const [visits] = useState(() =>
    createVisitReporter({
      store: useJourneyStore,
      report: (report) => void api.reportVisit(report),
      now: () => performance.now(),
      sessionStart: firstMarkSince('facetec:session:start')
    })
  )
  useEffect(() => visits.connect(), [visits])
  // Visitors sent to staff: counted in main until staff acknowledge them, and a chime if configured.
  const [sentToStaff] = useState(() =>
    createSentToStaffSignal({
      store: useJourneyStore,
      report: (reason) => void api.reportSentToStaff({ reason }),
      chime: playStaffChime,
      chimeEnabled: () => useJourneySettingsStore.getState().settings?.chimeOnSentToStaff === true
    })
  )
  useEffect(() => sentToStaff.connect(), [sentToStaff])
  useStaffEntry(useCallback(() => void journey.openStaff(), [journey]))

  const screen = useJourneyStore((state) => state.screen)
  const visit = useJourneyStore((state) => state.visit)
  // Audio guidance is one visitor's choice: the next visitor starts without it.
  useEffect(() => useAudioStore.getState().setEnabled(false), [visit])

  const ending = ENDING_SCREENS.includes(screen)
  const busy = BUSY_SCREENS.includes(screen)
  const staffScreen = STAFF_SCREENS.includes(screen) || screen === 'staff-pin'
  // An unlocked staff screen left alone locks itself like any other screen (with the same countdown and
  // "More time"), back to the attract screen: nobody walks up to an open staff mode.
  const staffUnlocked = STAFF_SCREENS.includes(screen)
  const idle = useIdleReset({
    enabled: screen !== 'attract' && screen !== 'out-of-service' && !busy,
    idleMs:
      (ending ? Math.max(1, settings.resultSeconds - settings.idleCountdownSeconds) : settings.idleTimeoutSeconds) *
      1000,
    countdownMs: settings.idleCountdownSeconds * 1000,
    onExpire: () => {
      if (staffUnlocked) {
        void journey.leaveStaff()
        return
      }
      visits.idleExpired()
      void journey.reset()
    },
    clock
  })
  const closed = useDeskStore((state) => state.closed)
  // Closed by staff: the visit under way finishes; the next one meets the closed screen instead of Start.
  const shown = closed && screen === 'attract' ? 'closed' : screen
  const kiosk = useRef<HTMLDivElement>(null)
  // FaceTec speaks for itself during the capture (vocal guidance); staff screens are not read out.
  useScreenSpeech(kiosk, screen === 'liveness' || staffScreen)
  const Current = shown === 'closed' ? ClosedScreen : SCREENS[screen]

  const utility =
    idle.secondsLeft !== null ? (
      <IdleBanner
        secondsLeft={idle.secondsLeft}
        totalSeconds={settings.idleCountdownSeconds}
        ending={ending}
        onStay={idle.stay}
      />
    ) : (
      <>
        {/* Not while FaceTec runs or the result is awaited: the language is fixed then. */}
        {!busy && <LanguagePicker />}
        {!staffScreen && <AudioToggle />}
      </>
    )

  return (
    <JourneyContext.Provider value={journey}>
      <StaffContext.Provider value={staff}>
        <Frame
          screen={screen}
          brand={!staffScreen}
          utility={utility}
          main={
            <div className="kiosk" data-screen={shown} ref={kiosk}>
              {/* Staff mode's screen loads when it is first needed. */}
              <Suspense fallback={<Loading />}>
                <Current />
              </Suspense>
            </div>
          }
        />
      </StaffContext.Provider>
    </JourneyContext.Provider>
  )
}
