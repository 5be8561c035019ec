import { useState } from 'react'
import { useT } from '../i18n'

/**
 * Paging for staff lists. The kiosk never scrolls (a touch screen with no scroll bar hides what is
 * below the fold), so a long list is shown a page at a time and every item stays reachable.
 */
export function usePage<T>(
  items: readonly T[],
  size: number
): { page: number; pages: number; shown: readonly T[]; go: (page: number) => void } {
  const [wanted, setWanted] = useState(0)
  const pages = Math.max(1, Math.ceil(items.length / size))
  // A list that shrank (a job discarded or purged) shows its new last page rather than an empty one.
  const page = Math.min(wanted, pages - 1)
  return {
    page,
    pages,
    shown: items.slice(page * size, (page + 1) * size),
    go: (to) => setWanted(Math.max(0, Math.min(to, pages - 1)))
  }
}

/** Previous / "page x of y" / next; nothing when everything fits on one page. */
export function Pager(props: { id: string; page: number; pages: number; go: (page: number) => void }) {
  const t = useT()
  const { id, page, pages, go } = props
  if (pages <= 1) return null
  return (
    <nav className="pager" aria-label={t('staff.pager.label')} data-testid={`${id}-pager`}>
      <button
        type="button"
        className="button button--ghost"
        data-testid={`${id}-previous`}
        disabled={page === 0}
        onClick={() => go(page - 1)}
      >
        {t('staff.pager.previous')}
      </button>
      <span
        className="pager__page"
        data-testid={`${id}-page`}
        data-page={page + 1}
        data-pages={pages}
        aria-live="polite"
      >
        {t('staff.pager.page', { page: page + 1, pages })}
      </span>
      <button
        type="button"
        className="button button--ghost"
        data-testid={`${id}-next`}
        disabled={page >= pages - 1}
        onClick={() => go(page + 1)}
      >
        {t('staff.pager.next')}
      </button>
    </nav>
  )
}
