import { useEffect, useRef, type ReactNode } from 'react'
import type { LucideIcon } from './icons'

export type Tone = 'positive' | 'warning' | 'negative' | 'neutral' | 'info'

/**
 * A screen of the journey, laid out the same way every time so nothing jumps between screens or
 * languages: a picture (`visual`) and a body (title, content, and the actions at the body's foot).
 * Portrait stacks them, the picture above, so the actions sit in the lower part of the screen within
 * reach; landscape puts them side by side. The title takes the focus when the screen appears (without
 * a focus ring: a heading is not a control), so a screen reader announces the new screen; a screen
 * whose first job is typing (`focus: 'none'`) focuses its own field instead.
 */
export function Screen(props: {
  name: string
  title: string
  children?: ReactNode
  tone?: Tone
  visual?: ReactNode
  /** `compact`: a smaller picture, for screens with much to read. */
  visualSize?: 'large' | 'compact'
  actions?: ReactNode
  focus?: 'title' | 'none'
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  const focus = props.focus ?? 'title'
  useEffect(() => {
    if (focus === 'title') heading.current?.focus({ focusVisible: false, preventScroll: true })
  }, [props.name, focus])
  const id = `${props.name}-title`
  const layout = props.visual ? 'split' : 'single'
  return (
    <section
      className={`screen screen--${props.name}${props.tone ? ` screen--${props.tone}` : ''}`}
      data-layout={layout}
      data-visual={props.visual ? (props.visualSize ?? 'large') : undefined}
      aria-labelledby={id}
    >
      {props.visual && <div className="screen__visual">{props.visual}</div>}
      <div className="screen__body">
        <h1 id={id} ref={heading} tabIndex={-1} data-speak="">
          {props.title}
        </h1>
        <div className="screen__content">{props.children}</div>
        {props.actions && <div className="screen__actions">{props.actions}</div>}
      </div>
    </section>
  )
}

export function Actions(props: { children: ReactNode }) {
  return <div className="actions">{props.children}</div>
}

/** A calm, looping progress indicator (still when the person prefers reduced motion). */
export function Spinner(props: { label: string; icon?: LucideIcon }) {
  const Icon = props.icon
  return (
    <div className="spinner" role="progressbar" aria-label={props.label}>
      <span className="spinner__ring" aria-hidden="true" />
      {Icon && <Icon className="spinner__icon" aria-hidden="true" strokeWidth={1.5} />}
    </div>
  )
}

/**
 * An outcome's picture: a large round badge with its own icon, so outcomes differ by shape and not by
 * colour alone.
 */
export function Mark(props: { icon: LucideIcon; tone: Tone; testId?: string }) {
  const Icon = props.icon
  return (
    <div className={`mark mark--${props.tone}`} aria-hidden="true" data-testid={props.testId}>
      <Icon className="mark__icon" strokeWidth={1.6} />
    </div>
  )
}
