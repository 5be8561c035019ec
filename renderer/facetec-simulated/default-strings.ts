/**
 * The simulated SDK's built-in English, standing in for the real SDK's defaults, for the keys its UI
 * shows. `configureLocalization` overrides them key by key, as with the real SDK.
 */
export const DEFAULT_STRINGS = {
  FaceTec_initializing_camera: 'Securing Camera Feed...',
  FaceTec_instructions_header_ready_desktop: 'Get Ready For Your Video Selfie',
  FaceTec_instructions_message_ready_desktop: "Frame Your Face In The Oval, Press I'm Ready & Move Closer",
  FaceTec_action_im_ready: "I'M READY",
  FaceTec_action_try_again: 'TRY AGAIN',
  FaceTec_accessibility_cancel_button: 'Cancel',
  FaceTec_feedback_face_not_found: 'Frame Your Face',
  FaceTec_feedback_move_web_closer: 'Move Closer',
  FaceTec_feedback_move_web_even_closer: 'Even Closer',
  FaceTec_feedback_hold_steady: 'Hold Steady',
  FaceTec_result_facescan_upload_message: 'Uploading Encrypted 3D FaceScan',
  FaceTec_result_success_message: 'Success',
  FaceTec_retry_header: "Let's Try That Again",
  FaceTec_retry_subheader_message: 'But First, Check Out Your Photo Below',
  FaceTec_retry_instruction_message_1: 'Neutral Expression, No Smiling',
  FaceTec_retry_instruction_message_2: 'No Glare or Extreme Lighting',
  FaceTec_retry_instruction_message_3: 'Too Blurry, Clean Your Camera'
} as const

export type SimulatedStringKey = keyof typeof DEFAULT_STRINGS

/** The prompts the oval phase cycles through, in order. */
export const CAPTURE_PROMPTS: readonly SimulatedStringKey[] = [
  'FaceTec_feedback_face_not_found',
  'FaceTec_feedback_move_web_closer',
  'FaceTec_feedback_move_web_even_closer',
  'FaceTec_feedback_hold_steady'
]
