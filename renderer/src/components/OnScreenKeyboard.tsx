/**
 * An on-screen keyboard for the few times someone must type at a touch kiosk that has no keyboard
 * (IT entering Assure credentials in an emergency; the usual way is the provisioning file). It has the
 * characters an OAuth client id and secret are made of — letters, digits and RFC 3986's unreserved
 * symbols `- _ . ~` — plus Shift (for one letter, as on a phone), Delete and Clear. Every key is a real
 * button with a name, so it works by touch, mouse, a switch or a screen reader alike.
 *
 * The keys never take the focus from the field being typed into (a tap would otherwise move it), so
 * the field keeps its caret and outline; what a key does to the text is `applyKey`, decided by the form.
 *
 * Hand-written rather than a library: the one this needs is a grid of about 45 buttons, and the
 * well-known React keyboards bring their own styling and DOM (not real buttons with names) for a
 * feature used once per kiosk installation.
 */
import { useState } from 'react'
import { useT } from '../i18n'
import { ArrowBigUp, Delete } from './icons'

/** What a key does to the text of the field it types into. */
export type KeyPress = { kind: 'text'; text: string } | { kind: 'backspace' } | { kind: 'clear' }

/** The field's text after a key: typing goes at the end (the fields are short, and the caret stays there). */
export function applyKey(value: string, press: KeyPress): string {
  switch (press.kind) {
    case 'text':
      return value + press.text
    case 'backspace':
      return Array.from(value).slice(0, -1).join('')
    case 'clear':
      return ''
  }
}

/** Four rows of ten: digits, letters in QWERTY order, and the unreserved symbols at the ends. */
export const KEY_ROWS: readonly string[] = ['1234567890', 'qwertyuiop', 'asdfghjkl-', 'zxcvbnm_.~']

export interface OnScreenKeyboardProps {
  onPress: (press: KeyPress) => void
  /** The id of the field the keys type into (aria-controls). */
  controls?: string
}

export function OnScreenKeyboard({ onPress, controls }: OnScreenKeyboardProps) {
  const t = useT()
  const [shift, setShift] = useState(false)
  const type = (character: string): void => {
    onPress({ kind: 'text', text: shift ? character.toUpperCase() : character })
    setShift(false)
  }
  return (
    <div
      className="osk"
      role="group"
      aria-label={t('keyboard.label')}
      data-testid="keyboard"
      // A tap on a key must not move the focus out of the field it types into.
      onMouseDown={(event) => event.preventDefault()}
    >
      {KEY_ROWS.flatMap((row) => Array.from(row)).map((character) => {
        const shown = shift ? character.toUpperCase() : character
        return (
          <button
            key={character}
            type="button"
            className="button button--ghost osk__key"
            data-testid={`key-${character}`}
            aria-controls={controls}
            onClick={() => type(character)}
          >
            {shown}
          </button>
        )
      })}
      <button
        type="button"
        className="button button--ghost osk__key osk__key--wide"
        data-testid="key-shift"
        aria-pressed={shift}
        onClick={() => setShift(!shift)}
      >
        <ArrowBigUp className="icon" aria-hidden="true" />
        {t('keyboard.shift')}
      </button>
      <button
        type="button"
        className="button button--ghost osk__key osk__key--wide"
        data-testid="key-clear"
        aria-controls={controls}
        onClick={() => onPress({ kind: 'clear' })}
      >
        {t('keyboard.clear')}
      </button>
      <button
        type="button"
        className="button button--ghost osk__key osk__key--wider"
        data-testid="key-backspace"
        aria-controls={controls}
        onClick={() => onPress({ kind: 'backspace' })}
      >
        <Delete className="icon" aria-hidden="true" />
        {t('keyboard.backspace')}
      </button>
    </div>
  )
}
