/**
 * The kiosk's own illustrations (drawn for this project, same licence as the code): a neutral figure
 * in the kiosk's colours, never a photo and never a skin tone, so every visitor can see themselves in
 * it. Colours come from CSS (`.illustration` in styles.css): the operator's accent follows.
 * Every picture is decoration beside words that say the same, so each is aria-hidden.
 */
import type { ReactNode } from 'react'

/** Head and shoulders, centred in a 120 x 120 box. */
function Figure(props: { x?: number; y?: number; scale?: number; className?: string }) {
  const { x = 0, y = 0, scale = 1 } = props
  return (
    <g className={props.className ?? 'illustration__figure'} transform={`translate(${x} ${y}) scale(${scale})`}>
      <circle cx="60" cy="46" r="21" />
      <path d="M20 120c0-25 18-40 40-40s40 15 40 40z" />
    </g>
  )
}

/** The small mark in a tip's corner: a tick in a circle (do) or a cross in a square (don't), so not by colour alone. */
function Verdict(props: { ok: boolean }) {
  return props.ok ? (
    <g className="illustration__do" transform="translate(88 86)">
      <circle cx="14" cy="14" r="14" />
      <path d="M7.5 14.5l4.5 4.5 9-10" />
    </g>
  ) : (
    <g className="illustration__dont" transform="translate(88 86)">
      <rect x="0" y="0" width="28" height="28" rx="6" />
      <path d="M9 9l10 10M19 9L9 19" />
    </g>
  )
}

function Tile(props: { children: ReactNode }) {
  return (
    <svg className="illustration illustration--tip" viewBox="0 0 120 120" aria-hidden="true" focusable="false">
      <rect className="illustration__backdrop" x="4" y="4" width="112" height="112" rx="24" />
      {props.children}
    </svg>
  )
}

/** Light in front of the face: a lamp whose beam falls on the figure. */
export function TipLight() {
  return (
    <Tile>
      <path className="illustration__beam" d="M30 28L58 40 58 62 30 46z" />
      <g className="illustration__lamp">
        <circle cx="24" cy="34" r="9" />
        <path d="M24 16v-5M10 22l-4-3M9 38H4M38 22l4-3" />
      </g>
      <Figure x={14} y={4} scale={0.92} />
      <Verdict ok />
    </Tile>
  )
}

/** No sunglasses. */
export function TipNoGlasses() {
  return (
    <Tile>
      <Figure />
      <g className="illustration__accessory">
        <rect x="39" y="40" width="18" height="11" rx="4" />
        <rect x="63" y="40" width="18" height="11" rx="4" />
        <path d="M57 44h6" />
      </g>
      <Verdict ok={false} />
    </Tile>
  )
}

/** No hat or cap. */
export function TipNoHat() {
  return (
    <Tile>
      <Figure />
      <g className="illustration__accessory">
        <path d="M38 32c0-14 10-22 22-22s22 8 22 22z" />
        <rect x="30" y="30" width="60" height="7" rx="3.5" />
      </g>
      <Verdict ok={false} />
    </Tile>
  )
}

/** Only one person in the picture. */
export function TipOnePerson() {
  return (
    <Tile>
      <Figure x={40} y={14} scale={0.7} className="illustration__figure illustration__figure--behind" />
      <Figure x={-8} y={6} scale={0.95} />
      <Verdict ok={false} />
    </Tile>
  )
}

/** Hold still, face in the oval (after a face check that timed out). */
export function TipInOval() {
  return (
    <Tile>
      <ellipse className="illustration__oval" cx="60" cy="58" rx="30" ry="40" />
      <Figure x={15} y={20} scale={0.75} />
      <Verdict ok />
    </Tile>
  )
}

/** Moving closer when asked: a figure and an arrow towards the viewer. */
export function TipCloser() {
  return (
    <Tile>
      <Figure x={22} y={20} scale={0.62} className="illustration__figure illustration__figure--behind" />
      <Figure x={4} y={10} scale={0.95} />
      <path className="illustration__arrow" d="M92 30v36m-9-9l9 9 9-9" />
      <Verdict ok />
    </Tile>
  )
}

/** The attract screen's picture: a kiosk screen with a face in the oval and a verified badge. */
export function HeroIllustration() {
  return (
    <svg className="illustration illustration--hero" viewBox="0 0 400 320" aria-hidden="true" focusable="false">
      <circle className="illustration__halo" cx="200" cy="160" r="150" />
      <circle className="illustration__halo illustration__halo--inner" cx="200" cy="160" r="112" />
      <rect className="illustration__device" x="120" y="28" width="160" height="264" rx="26" />
      <rect className="illustration__screen" x="134" y="46" width="132" height="228" rx="14" />
      <ellipse className="illustration__oval" cx="200" cy="148" rx="46" ry="62" />
      <g transform="translate(146 96) scale(0.9)">
        <Figure />
      </g>
      <rect className="illustration__bar" x="160" y="236" width="80" height="18" rx="9" />
      <g className="illustration__do illustration__do--large" transform="translate(254 196)">
        <circle cx="30" cy="30" r="30" />
        <path d="M16 31l10 10 19-21" />
      </g>
      <g className="illustration__spark">
        <path d="M86 92v16M78 100h16" />
        <path d="M318 70v12M312 76h12" />
        <path d="M330 236v14M323 243h14" />
      </g>
    </svg>
  )
}
