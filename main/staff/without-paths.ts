/**
 * Error details for staff without the folders they happened in: a message such as
 * "ENOENT: no such file or directory, open '/home/kiosk/.config/Assure Kiosk/captures/…'" names the
 * user account and the layout of the disk, which the staff screen (and anyone reading it over a
 * shoulder) does not need. The file's own name is kept: it is what staff can act on.
 */
const QUOTED_PATH = /(['"`])((?:[A-Za-z]:[\\/]|\\\\|\/)[^'"`\n]*[\\/])([^'"`\\/\n]*)\1/g
/** A path outside quotes ends at the first space; not preceded by a letter, `:` or `/` (which would make it a URL's path). */
const BARE_PATH = /(?<![\w:/\\.])((?:[A-Za-z]:)?[\\/](?:[^\s'"`\\/]+[\\/])+)([^\s'"`\\/]*)/g

export function withoutPaths(text: string): string {
  return text
    .replace(QUOTED_PATH, (_whole, quote: string, _folders: string, name: string) => `${quote}…/${name}${quote}`)
    .replace(BARE_PATH, (_whole, _folders: string, name: string) => `…/${name}`)
}
