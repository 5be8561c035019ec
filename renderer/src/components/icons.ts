/**
 * The kiosk's icons: Lucide (ISC licence, lucide.dev), imported one by one so only these reach the
 * bundle. One place, so every screen draws the same idea with the same picture. Icons are
 * decoration: each sits beside words that say the same thing, so they are always aria-hidden.
 */
export {
  ArrowBigUp,
  ArrowRight,
  Ban,
  BadgeCheck,
  Building2,
  CameraOff,
  CircleCheck,
  CircleHelp,
  CircleX,
  Clock3,
  Delete,
  Globe,
  Hand,
  Headset,
  Hourglass,
  Info,
  Keyboard,
  LockKeyhole,
  RotateCcw,
  ScanFace,
  ScanQrCode,
  ServerCrash,
  ShieldCheck,
  TriangleAlert,
  UserRoundX,
  Volume2,
  VolumeX,
  WifiOff,
  Wrench,
  type LucideIcon
} from 'lucide-react'
