/**
 * Short, soft chimes made with Web Audio (oscillators, no sound file, nothing for the CSP to allow).
 * Two sounds that cannot be mistaken for each other: a falling pair when the idle countdown starts (the
 * EU Accessibility Act asks that time limits on a self-service terminal reach the ear as well as the
 * eye), and a rising three-note call when the kiosk sends a visitor to staff.
 */

/** Each note's pitch (Hz) and its start (s after the first). */
type Notes = ReadonlyArray<readonly [frequency: number, offset: number]>

/** Falling: "time is running out". */
export const IDLE_CHIME: Notes = [
  [880, 0],
  [660, 0.18]
]

/** Rising: "someone is coming to the desk". */
export const STAFF_CHIME: Notes = [
  [587, 0],
  [784, 0.16],
  [988, 0.32]
]

const NOTE_SECONDS = 0.4

function play(notes: Notes): void {
  try {
    const Context = globalThis.AudioContext
    if (typeof Context !== 'function') return
    const context = new Context()
    const gain = context.createGain()
    gain.connect(context.destination)
    const start = context.currentTime
    const end = start + Math.max(...notes.map(([, offset]) => offset)) + NOTE_SECONDS
    gain.gain.setValueAtTime(0.0001, start)
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.03)
    gain.gain.exponentialRampToValueAtTime(0.0001, end + 0.2)
    for (const [frequency, offset] of notes) {
      const tone = context.createOscillator()
      tone.type = 'sine'
      tone.frequency.value = frequency
      tone.connect(gain)
      tone.start(start + offset)
      tone.stop(start + offset + NOTE_SECONDS)
    }
    setTimeout(() => void context.close().catch(() => undefined), (end - start + 0.5) * 1_000)
  } catch {
    // No audio device: what the chime announces is on screen as well.
  }
}

/** The idle countdown has started. */
export function playChime(): void {
  play(IDLE_CHIME)
}

/** The kiosk has sent a visitor to staff (when the config asks for it: `staff.chimeOnSentToStaff`). */
export function playStaffChime(): void {
  play(STAFF_CHIME)
}
