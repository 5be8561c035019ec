import type { en } from './messages/en'

export type MessageKey = keyof typeof en
/** A complete dictionary: the compiler refuses a language that lacks a key or adds one. */
export type Messages = { readonly [K in MessageKey]: string }
