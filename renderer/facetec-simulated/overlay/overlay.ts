/**
 * The simulated FaceTec UI: a full-screen layer with the live, mirrored camera picture inside an
 * oval guide, FaceTec-style prompts in the configured language, a Cancel button, and the upload,
 * success and retry screens. Plain DOM, because the real SDK also draws its own UI over the page.
 */
import { FaceTecCancelButtonLocation } from '../../src/facetec/sdk-types'
import { core } from '../core'
import type { SimulatedPhase } from '../control-types'
import type { SimulatedStringKey } from '../default-strings'
import { OVERLAY_CSS, OVERLAY_STYLE_ID } from './styles'

export interface OverlayHooks {
  onCancel(): void
  onReady(): void
}

const SVG_NS = 'http://www.w3.org/2000/svg'

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  node.className = className
  if (text !== undefined) node.textContent = text
  return node
}

export class SimulatedOverlay {
  readonly root = element('div', 'ftsim')
  readonly video = element('video', 'ftsim-video')
  private readonly stage = element('div', 'ftsim-stage')
  private readonly oval = element('div', 'ftsim-oval')
  private readonly ovalWindow = element('div', 'ftsim-oval-window')
  private readonly ovalProgress = document.createElementNS(SVG_NS, 'ellipse')
  private readonly top = element('div', 'ftsim-top')
  private readonly header = element('h1', 'ftsim-header')
  private readonly message = element('p', 'ftsim-message')
  private readonly bottom = element('div', 'ftsim-bottom')
  private readonly feedback = element('p', 'ftsim-feedback')
  private readonly readyButton = element('button', 'ftsim-button')
  private readonly cancelButton = element('button', 'ftsim-cancel')
  private readonly cancelLabel = element('span', '')
  private readonly center = element('div', 'ftsim-center')
  private progressFill: HTMLDivElement | null = null
  private uploadMessage: HTMLParagraphElement | null = null

  constructor(hooks: OverlayHooks) {
    ensureStyles()
    this.root.setAttribute('role', 'dialog')
    this.root.setAttribute('aria-modal', 'true')
    this.root.dataset.facetecSimulated = ''
    this.header.id = 'ftsim-header'
    this.root.setAttribute('aria-labelledby', this.header.id)
    this.applyCustomization()

    Object.assign(this.video, { muted: true, autoplay: true, playsInline: true })
    this.video.setAttribute('aria-hidden', 'true')

    const svg = document.createElementNS(SVG_NS, 'svg')
    svg.setAttribute('viewBox', '0 0 100 100')
    svg.setAttribute('preserveAspectRatio', 'none')
    const stroke = document.createElementNS(SVG_NS, 'ellipse')
    for (const ellipse of [stroke, this.ovalProgress]) {
      for (const [name, value] of [
        ['cx', '50'],
        ['cy', '50'],
        ['rx', '49'],
        ['ry', '49'],
        ['pathLength', '100']
      ] as const)
        ellipse.setAttribute(name, value)
    }
    stroke.classList.add('ftsim-oval-stroke')
    this.ovalProgress.classList.add('ftsim-oval-progress')
    svg.append(stroke, this.ovalProgress)
    // The camera picture is seen through the oval only, framed as on the kiosk's camera check: the
    // oval covers the same part of the picture there and here, so a person who stood right for the
    // check stands right for FaceTec, in either orientation.
    this.ovalWindow.append(this.video)
    this.oval.append(this.ovalWindow, svg)
    this.oval.setAttribute('aria-hidden', 'true')
    this.stage.append(this.oval)

    this.feedback.setAttribute('role', 'status')
    this.feedback.setAttribute('aria-live', 'polite')
    this.readyButton.type = 'button'
    this.readyButton.dataset.ftsimAction = 'ready'
    this.readyButton.addEventListener('click', () => hooks.onReady())

    this.cancelButton.type = 'button'
    this.cancelButton.dataset.ftsimAction = 'cancel'
    const icon = element('img', '')
    icon.alt = ''
    icon.src =
      core.customization?.cancelButtonCustomization.customImage ||
      `${core.imagesDirectory.replace(/\/$/, '')}/FaceTec_cancel.png`
    // A missing image must not hide the button: the text label still says Cancel.
    icon.addEventListener('error', () => icon.remove())
    this.cancelButton.append(icon, this.cancelLabel)
    this.cancelButton.addEventListener('click', () => hooks.onCancel())

    this.top.append(this.header, this.message)
    this.bottom.append(this.feedback, this.readyButton)
    const tag = element('div', 'ftsim-tag', 'Simulated FaceTec SDK')
    this.root.append(this.top, this.stage, this.bottom, this.center, this.cancelButton, tag)
    document.body.append(this.root)
  }

  attach(stream: MediaStream): void {
    this.video.srcObject = stream
    void this.video.play().catch(() => undefined)
  }

  showStartingCamera(): void {
    this.phase('starting-camera', { video: false, cancel: true })
    this.setTop('FaceTec_initializing_camera')
  }

  showReady(): void {
    this.phase('ready', { video: true, cancel: true })
    this.setTop('FaceTec_instructions_header_ready_desktop', 'FaceTec_instructions_message_ready_desktop')
    this.readyButton.textContent = core.text('FaceTec_action_im_ready')
    this.readyButton.hidden = false
  }

  /** The oval fills over `durationMs` while the prompts change. */
  showCapturing(durationMs: number): void {
    this.phase('capturing', { video: true, cancel: true })
    this.top.style.visibility = 'hidden'
    this.feedback.hidden = false
    this.ovalProgress.style.transition = 'none'
    this.ovalProgress.style.strokeDashoffset = '100'
    // Read layout so the reset applies before the transition starts.
    void this.ovalProgress.getBoundingClientRect()
    this.ovalProgress.style.transition = `stroke-dashoffset ${durationMs}ms linear`
    this.ovalProgress.style.strokeDashoffset = '0'
  }

  setFeedback(key: SimulatedStringKey): void {
    this.feedback.textContent = core.text(key)
  }

  showUploading(): void {
    this.phase('uploading', { video: false, cancel: false })
    const fill = element('div', 'ftsim-progress-fill')
    const bar = element('div', 'ftsim-progress')
    bar.setAttribute('role', 'progressbar')
    bar.setAttribute('aria-valuemin', '0')
    bar.setAttribute('aria-valuemax', '100')
    bar.append(fill)
    this.progressFill = fill
    this.uploadMessage = element('p', 'ftsim-message', core.text('FaceTec_result_facescan_upload_message'))
    this.center.replaceChildren(this.uploadMessage, bar)
    this.setUploadProgress(0)
  }

  setUploadProgress(fraction: number): void {
    const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100)
    if (this.progressFill) this.progressFill.style.width = `${percent}%`
    this.progressFill?.parentElement?.setAttribute('aria-valuenow', String(percent))
  }

  setUploadMessage(text: string): void {
    if (this.uploadMessage) this.uploadMessage.textContent = text
  }

  showSuccess(message: string): void {
    this.phase('result', { video: false, cancel: false })
    const mark = element('div', 'ftsim-result-mark')
    mark.setAttribute('aria-hidden', 'true')
    const tick = document.createElementNS(SVG_NS, 'svg')
    tick.setAttribute('viewBox', '0 0 24 24')
    const path = document.createElementNS(SVG_NS, 'path')
    path.setAttribute('d', 'M5 12.5 L10 17.5 L19 7')
    tick.append(path)
    mark.append(tick)
    this.center.replaceChildren(mark, element('p', 'ftsim-header', message))
  }

  /** FaceTec's retry screen: what went wrong, the person's own picture, and TRY AGAIN. */
  showRetry(picture: string | null, onTryAgain: () => void): void {
    this.phase('retry', { video: false, cancel: true })
    const tips = element('ul', 'ftsim-retry-tips')
    for (const key of [
      'FaceTec_retry_instruction_message_1',
      'FaceTec_retry_instruction_message_2',
      'FaceTec_retry_instruction_message_3'
    ] as const) {
      tips.append(element('li', '', core.text(key)))
    }
    const again = element('button', 'ftsim-button', core.text('FaceTec_action_try_again'))
    again.type = 'button'
    again.dataset.ftsimAction = 'try-again'
    again.addEventListener('click', onTryAgain)
    const children: Node[] = [
      element('h1', 'ftsim-header', core.text('FaceTec_retry_header')),
      element('p', 'ftsim-message', core.text('FaceTec_retry_subheader_message'))
    ]
    if (picture) {
      const image = element('img', '')
      image.alt = ''
      image.src = `data:image/jpeg;base64,${picture}`
      image.style.cssText = 'width: 24vmin; border-radius: 50%; transform: scaleX(-1)'
      children.push(image)
    }
    this.center.replaceChildren(...children, tips, again)
  }

  destroy(): void {
    this.video.srcObject = null
    this.root.remove()
  }

  private phase(phase: SimulatedPhase, show: { video: boolean; cancel: boolean }): void {
    core.phase = phase
    this.root.dataset.phase = phase
    this.cancelLabel.textContent = core.text('FaceTec_accessibility_cancel_button')
    this.cancelButton.setAttribute('aria-label', core.text('FaceTec_accessibility_cancel_button'))
    const cancelDisabled =
      core.customization?.cancelButtonCustomization.location === FaceTecCancelButtonLocation.Disabled
    this.cancelButton.hidden = !show.cancel || cancelDisabled
    this.video.hidden = !show.video
    this.oval.hidden = !show.video
    // The text rows keep their room while hidden, so the oval never moves between phases.
    this.top.style.visibility = !show.video && phase !== 'starting-camera' ? 'hidden' : ''
    this.bottom.style.visibility = show.video ? '' : 'hidden'
    this.feedback.hidden = true
    this.feedback.textContent = ''
    this.readyButton.hidden = true
    this.center.hidden = show.video || phase === 'starting-camera'
    if (this.center.hidden) this.center.replaceChildren()
  }

  private setTop(headerKey: SimulatedStringKey, messageKey?: SimulatedStringKey): void {
    this.top.style.visibility = ''
    this.header.textContent = core.text(headerKey)
    this.message.textContent = messageKey ? core.text(messageKey) : ''
  }

  private applyCustomization(): void {
    const c = core.customization
    const vars: Record<string, string> = {
      '--ftsim-overlay': c?.overlayCustomization.backgroundColor ?? '#ffffff',
      '--ftsim-frame': c?.frameCustomization.backgroundColor ?? '#ffffff',
      '--ftsim-text': c?.guidanceCustomization.foregroundColor ?? '#474747',
      '--ftsim-button-bg': c?.guidanceCustomization.buttonBackgroundNormalColor ?? '#417fb2',
      '--ftsim-button-text': c?.guidanceCustomization.buttonTextNormalColor ?? '#ffffff',
      '--ftsim-oval': c?.ovalCustomization.strokeColor ?? '#417fb2',
      '--ftsim-progress': c?.ovalCustomization.progressColor1 ?? '#0264dc',
      '--ftsim-feedback-bg': c?.feedbackCustomization.backgroundColor ?? '#417fb2',
      '--ftsim-feedback-text': c?.feedbackCustomization.textColor ?? '#ffffff',
      '--ftsim-upload-fill': c?.resultScreenCustomization.uploadProgressFillColor ?? '#417fb2',
      '--ftsim-result-bg': c?.resultScreenCustomization.resultAnimationBackgroundColor ?? '#417fb2',
      '--ftsim-result-text': c?.resultScreenCustomization.resultAnimationForegroundColor ?? '#ffffff'
    }
    for (const [name, value] of Object.entries(vars)) this.root.style.setProperty(name, value)
    if (c?.cancelButtonCustomization.location === FaceTecCancelButtonLocation.TopRight)
      this.root.dataset.cancelLocation = 'top-right'
  }
}

function ensureStyles(): void {
  if (document.getElementById(OVERLAY_STYLE_ID)) return
  const style = document.createElement('style')
  style.id = OVERLAY_STYLE_ID
  style.textContent = OVERLAY_CSS
  document.head.append(style)
}
