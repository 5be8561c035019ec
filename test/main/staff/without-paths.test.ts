import { describe, expect, it } from 'vitest'
import { withoutPaths } from '../../../main/staff/without-paths'

describe('error details for staff (issue 17, row 20)', () => {
  it.each([
    [
      "ENOENT: no such file or directory, open '/home/ada/.config/Assure Kiosk/captures/3f6c.capture'",
      "ENOENT: no such file or directory, open '…/3f6c.capture'"
    ],
    [
      "EACCES: permission denied, open 'C:\\Users\\ada\\AppData\\Roaming\\Assure Kiosk\\archive\\x.zip'",
      "EACCES: permission denied, open '…/x.zip'"
    ],
    ['cannot write /var/lib/kiosk/jobs/a.json now', 'cannot write …/a.json now'],
    ['startVerification: network ECONNRESET', 'startVerification: network ECONNRESET'],
    [
      'GET https://api.signicat.com/assure/dossiers/3f/processes answered 500',
      'GET https://api.signicat.com/assure/dossiers/3f/processes answered 500'
    ],
    ['download: 204 not ready yet', 'download: 204 not ready yet']
  ])('%s', (text, shown) => {
    expect(withoutPaths(text)).toBe(shown)
  })
})
