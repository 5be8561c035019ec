import { encode } from 'uqr'

/**
 * A QR code drawn as one SVG path (uqr, MIT: a small encoder that runs anywhere). Dark modules on a
 * white tile with the quiet zone the standard asks for, so phones read it from the kiosk's screen.
 */
export default function QrCode(props: { text: string; label: string; testId?: string }) {
  const { data, size } = encode(props.text, { ecc: 'M', border: 0 })
  let path = ''
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  )
  const quiet = 4
  return (
    <svg
      className="qr-code"
      viewBox={`${-quiet} ${-quiet} ${size + quiet * 2} ${size + quiet * 2}`}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={size + quiet * 2} height={size + quiet * 2} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  )
}
