import type { Messages } from '../types'

/** Norsk bokmål. */
export const nb: Messages = {
  'language.name': 'Norsk',
  'app.title': 'Identitetskontroll',
  'status.mode.demo': 'DEMO',
  'status.mode.live': 'Live',
  'status.version': 'Versjon {version}',
  'status.kiosk': 'Kiosk {kioskId}',
  'status.connectivity.unknown': 'Sjekker forbindelsen…',
  'status.connectivity.online': 'Tilkoblet',
  'status.connectivity.degraded': 'Treg forbindelse',
  'status.connectivity.offline': 'Ingen forbindelse',
  'status.loading': 'Starter…',
  'status.unavailable': 'Status utilgjengelig',
  'attract.title': 'Bekreft identiteten din',
  'attract.lead': 'Se inn i kameraet i noen sekunder. Det tar omtrent ett minutt.',
  'attract.start': 'Start',
  'attract.chooseLanguage': 'Velg språk',
  'camera.title': 'Kamerasjekk',
  'camera.lead': 'Ser du ansiktet ditt tydelig?',
  'camera.starting': 'Starter kameraet…',
  'camera.live': 'Kameraet er på',
  'camera.back': 'Tilbake',
  'camera.error.denied': 'Kameraet er ikke tillatt på denne kiosken. Be de ansatte om hjelp.',
  'camera.error.missing': 'Fant ikke noe kamera. Be de ansatte om hjelp.',
  'camera.error.busy': 'Kameraet brukes av et annet program. Be de ansatte om hjelp.',
  'camera.error.other': 'Kameraet kunne ikke starte. Be de ansatte om hjelp.'
}
