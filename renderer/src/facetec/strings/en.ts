/**
 * English texts for FaceTec's own UI, keyed by FaceTec's string keys (the `FaceTecStrings` keys of
 * `core-sdk-optional/FaceTecStrings*.js`). Only the face-scan keys: the kiosk never runs ID scans.
 * The reference dictionary: every other language must have exactly these keys.
 * Plain text only: the real SDK may render some of these as HTML.
 */
export const faceTecStringsEn = {
  FaceTec_action_ok: 'OK',
  FaceTec_action_im_ready: "I'M READY",
  FaceTec_action_try_again: 'TRY AGAIN',
  FaceTec_action_continue: 'CONTINUE',

  FaceTec_accessibility_cancel_button: 'Cancel',
  FaceTec_accessibility_tap_guidance: 'Double tap the screen for help placing your face',
  FaceTec_accessibility_key_down_guidance: 'Press Enter or Space for help placing your face',
  FaceTec_accessibility_feedback_move_phone_away: 'Your face is too close',
  FaceTec_accessibility_feedback_move_phone_closer: 'Your face is too far away',
  FaceTec_accessibility_feedback_face_too_far_left: 'Your face is too far to the left',
  FaceTec_accessibility_feedback_face_too_far_right: 'Your face is too far to the right',
  FaceTec_accessibility_feedback_face_too_low: 'Your face is too low',
  FaceTec_accessibility_feedback_face_too_high: 'Your face is too high',
  FaceTec_accessibility_feedback_face_rotated_too_far_left: 'Your head is turned too far to the left',
  FaceTec_accessibility_feedback_face_rotated_too_far_right: 'Your head is turned too far to the right',
  FaceTec_accessibility_feedback_face_looking_too_far_left: 'You are looking too far to the left',
  FaceTec_accessibility_feedback_face_looking_too_far_right: 'You are looking too far to the right',
  FaceTec_accessibility_feedback_face_not_in_camera: 'Your face is not in the picture',
  FaceTec_accessibility_feedback_hold_phone_to_eye_level: 'Keep your eyes level with the camera',
  FaceTec_accessibility_feedback_move_away_web: 'You are too close to the camera',
  FaceTec_accessibility_feedback_move_closer_web: 'You are too far from the camera',
  FaceTec_accessibility_feedback_hold_to_eye_level_web: 'Keep your eyes level with the camera',

  FaceTec_presession_frame_your_face: 'Place your face in the oval',
  FaceTec_presession_look_straight_ahead: 'Look straight ahead',
  FaceTec_presession_hold_steady3: 'Hold still: 3',
  FaceTec_presession_hold_steady2: 'Hold still: 2',
  FaceTec_presession_hold_steady1: 'Hold still: 1',
  FaceTec_presession_eyes_straight_ahead: 'Look straight into the camera',
  FaceTec_presession_remove_dark_glasses: 'Please take off dark glasses',
  FaceTec_presession_neutral_expression: 'Relaxed face, no smiling',
  FaceTec_presession_conditions_too_bright: 'It is too bright here',
  FaceTec_presession_brighten_your_environment: 'It is too dark here',

  FaceTec_feedback_center_face: 'Center your face',
  FaceTec_feedback_face_not_found: 'Place your face in the oval',
  FaceTec_feedback_move_phone_away: 'Move back a little',
  FaceTec_feedback_move_away_web: 'Move back a little',
  FaceTec_feedback_move_phone_closer: 'Come a little closer',
  FaceTec_feedback_move_web_closer: 'Come closer to fill the oval',
  FaceTec_feedback_move_web_even_closer: 'A little closer',
  FaceTec_feedback_move_phone_to_eye_level: 'Keep your eyes level with the camera',
  FaceTec_feedback_move_to_eye_level_web: 'Look straight into the camera',
  FaceTec_feedback_face_not_looking_straight_ahead: 'Look straight ahead',
  FaceTec_feedback_face_not_upright: 'Keep your head straight',
  FaceTec_feedback_face_not_upright_mobile: 'Keep your head straight',
  FaceTec_feedback_hold_steady: 'Hold still',
  FaceTec_feedback_use_even_lighting: 'Find more even light on your face',

  FaceTec_instructions_header_ready_desktop: 'Get ready for your video selfie',
  FaceTec_instructions_header_ready_1_mobile: 'Get ready for',
  FaceTec_instructions_header_ready_2_mobile: 'your video selfie',
  FaceTec_instructions_message_ready_desktop: "Place your face in the oval, press I'm ready and come closer",
  FaceTec_instructions_message_ready_1_mobile: 'Place your face in the oval,',
  FaceTec_instructions_message_ready_2_mobile: "press I'm ready and come closer",

  FaceTec_retry_header: "Let's try that again",
  FaceTec_retry_subheader_message: 'We need a clearer picture',
  FaceTec_retry_your_image_label: 'Your picture',
  FaceTec_retry_ideal_image_label: 'How it should look',
  FaceTec_retry_instruction_message_1: 'Relaxed face, no smiling',
  FaceTec_retry_instruction_message_2: 'No glare or very bright light',
  FaceTec_retry_instruction_message_3: 'Too blurry: the camera lens may need cleaning',

  FaceTec_camera_feed_issue_header: 'The camera is not working properly',
  FaceTec_camera_feed_issue_subheader_message: 'The check cannot be done because of a camera problem.',
  FaceTec_camera_feed_issue_action: 'TRY AGAIN',
  FaceTec_camera_permission_header: 'Camera needed',
  FaceTec_camera_permission_message: 'The kiosk does not have access to the camera. Please ask staff for help.',
  FaceTec_initializing_camera: 'Starting the camera…',

  FaceTec_result_success_message: 'Done',
  FaceTec_result_facescan_upload_message: 'Sending your encrypted face scan'
} as const

export type FaceTecStringKey = keyof typeof faceTecStringsEn
/** A complete FaceTec dictionary: the compiler refuses one that lacks a key or adds one. */
export type FaceTecStrings = { readonly [K in FaceTecStringKey]: string }
