import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { systemClock } from './clock'
import { exposedKioskApi } from './kiosk-api'
import './styles.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
// The composition root: the one place the renderer reaches for the preload's API and the page's clock;
// everything else is handed them.
createRoot(container).render(
  <StrictMode>
    <App api={exposedKioskApi()} clock={systemClock} />
  </StrictMode>
)
