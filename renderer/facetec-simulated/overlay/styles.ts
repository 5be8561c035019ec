/**
 * The simulated FaceTec UI's stylesheet. Injected as a <style> element, which the kiosk's CSP allows
 * because the real SDK builds its UI the same way (style-src 'unsafe-inline'). Colours come from
 * CSS variables the overlay sets from the FaceTecCustomization in force.
 */
export const OVERLAY_STYLE_ID = 'facetec-simulated-styles'

export const OVERLAY_CSS = `
.ftsim {
  position: fixed; inset: 0; z-index: 2147483647; overflow: hidden;
  display: grid; grid-template-rows: auto minmax(0, 1fr) auto;
  background: var(--ftsim-frame); color: var(--ftsim-text);
  font-family: system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  font-size: clamp(20px, 2.6vmin, 34px); line-height: 1.25; text-align: center;
  user-select: none; -webkit-user-select: none; touch-action: manipulation;
}
.ftsim * { box-sizing: border-box; }
/* The oval takes what the text rows leave, up to 74vmin tall: it never runs under the text. */
.ftsim-stage { min-height: 0; display: grid; place-items: center; padding: 2vmin 0; }
.ftsim-oval { position: relative; height: min(100%, 74vmin); aspect-ratio: 0.757; pointer-events: none; }
.ftsim-oval-window { position: absolute; inset: 0; border-radius: 50%; overflow: hidden; background: #000; }
/*
 * The picture in 4:3, its height 1/0.84 of the oval's: the camera check's oval (inset 8% 26% of a
 * 4:3 frame) covers the same part of it.
 */
.ftsim-video {
  position: absolute; left: 50%; top: 50%; height: 119%; aspect-ratio: 4 / 3; object-fit: cover;
  transform: translate(-50%, -50%) scaleX(-1); pointer-events: none; background: #000;
}
.ftsim-oval svg { position: absolute; inset: -6px; width: calc(100% + 12px); height: calc(100% + 12px); overflow: visible; }
.ftsim-oval ellipse { fill: none; vector-effect: non-scaling-stroke; }
.ftsim-oval .ftsim-oval-stroke { stroke: var(--ftsim-oval); stroke-width: 6px; }
.ftsim-oval .ftsim-oval-progress {
  stroke: var(--ftsim-progress); stroke-width: 10px; stroke-linecap: round;
  stroke-dasharray: 100; stroke-dashoffset: 100; transition: stroke-dashoffset linear;
}
.ftsim-top { padding: calc(3vmin + 80px) 5vmin 0; display: grid; gap: 0.4em; }
.ftsim-bottom {
  padding: 0 5vmin 6vmin; display: flex; flex-direction: column; align-items: center; justify-content: flex-end; gap: 2vmin;
  /* Room for the feedback and the button at once: the oval stays put when one replaces the other. */
  min-height: calc(72px + 2.2em + 8vmin);
}
.ftsim-header { margin: 0; font-size: 1.6em; font-weight: 700; }
.ftsim-message { margin: 0; font-size: 1.05em; max-width: 34ch; margin-inline: auto; }
.ftsim-feedback {
  margin: 0; padding: 0.5em 1.2em; border-radius: 999px; min-height: 2.2em;
  background: var(--ftsim-feedback-bg); color: var(--ftsim-feedback-text); font-weight: 600;
}
.ftsim-feedback:empty { visibility: hidden; }
.ftsim-button {
  min-height: 72px; min-width: min(80vw, 460px); padding: 0 1.5em; border: 0; border-radius: 18px;
  font: inherit; font-weight: 700; letter-spacing: 0.03em; cursor: pointer;
  background: var(--ftsim-button-bg); color: var(--ftsim-button-text);
}
.ftsim-cancel {
  position: absolute; top: 3vmin; left: 3vmin; z-index: 1; min-height: 64px; min-width: 64px; padding: 0 0.9em;
  display: inline-flex; align-items: center; gap: 0.4em; border-radius: 999px; border: 3px solid var(--ftsim-text);
  background: var(--ftsim-frame); color: var(--ftsim-text); font: inherit; font-weight: 600; cursor: pointer;
}
.ftsim[data-cancel-location='top-right'] .ftsim-cancel { left: auto; right: 3vmin; }
.ftsim-cancel img { width: 1.1em; height: 1.1em; }
.ftsim-progress { width: min(80vw, 560px); height: 16px; border-radius: 8px; overflow: hidden; background: rgba(127, 127, 127, 0.35); }
.ftsim-progress-fill { width: 0%; height: 100%; background: var(--ftsim-upload-fill); transition: width 200ms linear; }
.ftsim-result-mark {
  width: 22vmin; height: 22vmin; border-radius: 50%; display: grid; place-items: center;
  background: var(--ftsim-result-bg); color: var(--ftsim-result-text);
}
.ftsim-result-mark svg { width: 60%; height: 60%; fill: none; stroke: currentColor; stroke-width: 2.5; stroke-linecap: round; stroke-linejoin: round; }
.ftsim-center { position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 3vmin; padding: 5vmin; background: var(--ftsim-frame); }
.ftsim-retry-tips { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.4em; }
.ftsim-tag { position: absolute; right: 2vmin; bottom: 1.5vmin; font-size: 0.55em; opacity: 0.8; }
.ftsim [hidden] { display: none !important; }
`
