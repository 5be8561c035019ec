import { useEffect } from 'react'
import { kioskApi } from './bridge'
import { ModeBadge, StatusBar } from './components/StatusBar'
import { LANGUAGE_TAGS, useLanguageStore } from './i18n'
import { AttractScreen } from './screens/AttractScreen'
import { CameraCheckScreen } from './screens/CameraCheckScreen'
import { useNavigationStore } from './stores/navigation-store'
import { useStatusStore } from './stores/status-store'

export function App() {
  const screen = useNavigationStore((state) => state.screen)
  const language = useLanguageStore((state) => state.language)
  const connect = useStatusStore((state) => state.connect)

  useEffect(() => connect(kioskApi()), [connect])
  useEffect(() => {
    document.documentElement.lang = LANGUAGE_TAGS[language]
  }, [language])

  return (
    <div className="app" data-screen={screen}>
      <ModeBadge />
      <main className="app__main">
        {screen === 'attract' && <AttractScreen />}
        {screen === 'camera-check' && <CameraCheckScreen />}
      </main>
      <StatusBar />
    </div>
  )
}
