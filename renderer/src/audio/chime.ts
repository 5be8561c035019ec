/**
 * A short, soft two-note chime (Web Audio, no sound file): the idle countdown is announced to the ear
 * as well as the eye, as the EU Accessibility Act asks of time limits on a self-service terminal.
 */
export function playChime(): void {
  try {
    const Context = globalThis.AudioContext
    if (typeof Context !== 'function') return
    const context = new Context()
    const gain = context.createGain()
    gain.connect(context.destination)
    const start = context.currentTime
    gain.gain.setValueAtTime(0.0001, start)
    gain.gain.exponentialRampToValueAtTime(0.12, start + 0.03)
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.6)
    for (const [frequency, offset] of [
      [880, 0],
      [660, 0.18]
    ] as const) {
      const tone = context.createOscillator()
      tone.type = 'sine'
      tone.frequency.value = frequency
      tone.connect(gain)
      tone.start(start + offset)
      tone.stop(start + offset + 0.4)
    }
    setTimeout(() => void context.close().catch(() => undefined), 1_000)
  } catch {
    // No audio device: the countdown is still on screen and, with audio guidance, spoken.
  }
}
