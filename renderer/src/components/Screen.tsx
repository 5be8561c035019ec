import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A screen: its title takes the focus when it appears, so a screen reader announces the new screen
 * and keyboard users start from the top of it.
 */
export function Screen(props: {
  name: string
  title: string
  children?: ReactNode
  tone?: 'positive' | 'warning' | 'neutral'
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [props.name])
  const id = `${props.name}-title`
  return (
    <section
      className={`screen screen--${props.name}${props.tone ? ` screen--${props.tone}` : ''}`}
      aria-labelledby={id}
    >
      <h1 id={id} ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      {props.children}
    </section>
  )
}

export function Actions(props: { children: ReactNode }) {
  return <div className="actions">{props.children}</div>
}

/** A calm, looping progress indicator (still when the person prefers reduced motion). */
export function Spinner(props: { label: string }) {
  return (
    <div className="spinner" role="progressbar" aria-label={props.label}>
      <span className="spinner__ring" aria-hidden="true" />
    </div>
  )
}
