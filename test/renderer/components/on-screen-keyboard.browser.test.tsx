/**
 * The on-screen keyboard in Chromium: every key a real button with a name, the characters an OAuth
 * client id and secret are made of, Shift for one capital, Delete and Clear, and taps that leave the
 * focus in the field being typed into (real pointer events, through Playwright).
 */
import { act, useState } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import { applyKey, KEY_ROWS, OnScreenKeyboard } from '../../../renderer/src/components/OnScreenKeyboard'
import { useLanguageStore } from '../../../renderer/src/i18n'
import { en } from '../../../renderer/src/i18n/messages/en'
import { nb } from '../../../renderer/src/i18n/messages/nb'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** A field and the keyboard typing into it, as a form uses them. */
function Typing() {
  const [value, setValue] = useState('')
  return (
    <>
      <input id="typed" data-testid="typed" value={value} onChange={(event) => setValue(event.target.value)} />
      <OnScreenKeyboard controls="typed" onPress={(press) => setValue((text) => applyKey(text, press))} />
    </>
  )
}

let root: Root | null = null
let host: HTMLElement
const field = () => host.querySelector<HTMLInputElement>('[data-testid="typed"]') as HTMLInputElement
const key = (name: string) => {
  const found = host.querySelector<HTMLButtonElement>(`[data-testid="key-${name}"]`)
  if (!found) throw new Error(`no key ${name}`)
  return found
}
/** Taps the keys as a finger would: pointer down, up, click (what moves the focus, if anything does). */
const tap = async (...names: string[]) => {
  for (const name of names)
    await act(async () => {
      await userEvent.click(key(name))
    })
}

beforeEach(async () => {
  useLanguageStore.getState().setLanguage('en')
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  await act(async () => root?.render(<Typing />))
})

afterEach(async () => {
  await act(async () => root?.unmount())
  root = null
  host.remove()
})

describe('the on-screen keyboard', () => {
  it('has letters, digits and the symbols of an OAuth client id and secret, each a named button', () => {
    const characters = KEY_ROWS.join('')
    for (const wanted of ['abcdefghijklmnopqrstuvwxyz', '0123456789', '-_.~'])
      for (const character of wanted) expect(characters).toContain(character)
    const group = host.querySelector('[role="group"]')
    expect(group?.getAttribute('aria-label')).toBe(en['keyboard.label'])
    const buttons = [...host.querySelectorAll('button')]
    expect(buttons).toHaveLength(characters.length + 3)
    for (const button of buttons) {
      expect(button.type).toBe('button')
      expect(button.textContent?.trim() || button.getAttribute('aria-label')).toBeTruthy()
    }
    expect(key('shift').textContent).toBe(en['keyboard.shift'])
    expect(key('backspace').textContent).toBe(en['keyboard.backspace'])
    expect(key('clear').textContent).toBe(en['keyboard.clear'])
  })

  it('types into the focused field, which keeps the focus while keys are tapped', async () => {
    field().focus()
    await tap('a', '-', '7', '_', 'z', '.', '~')
    expect(field().value).toBe('a-7_z.~')
    expect(document.activeElement).toBe(field())
  })

  it('capitalises one letter after Shift, as a phone does, and says whether Shift is on', async () => {
    await tap('shift')
    expect(key('shift').getAttribute('aria-pressed')).toBe('true')
    expect(key('q').textContent).toBe('Q')
    await tap('q', 'q')
    expect(field().value).toBe('Qq')
    expect(key('shift').getAttribute('aria-pressed')).toBe('false')
  })

  it('deletes the last character, and clears the field', async () => {
    await tap('x', 'y', 'z', 'backspace')
    expect(field().value).toBe('xy')
    await tap('clear')
    expect(field().value).toBe('')
    await tap('backspace')
    expect(field().value).toBe('')
  })

  it("names its keys in the kiosk's language", async () => {
    await act(async () => useLanguageStore.getState().setLanguage('nb'))
    expect(key('backspace').textContent).toBe(nb['keyboard.backspace'])
    expect(host.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe(nb['keyboard.label'])
  })
})
