// Mail is untrusted: nothing from it may reach a terminal as a control sequence.

// CSI/OSC/DCS and other ESC sequences, then any remaining C0 (but tab/newline) and C1 controls.
// eslint-disable-next-line no-control-regex
const ESC_SEQ = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[PX^_][^\x1b]*(?:\x1b\\)?|[@-Z\\-_]?)/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Strip terminal control sequences and bidi overrides; keeps tabs and newlines. */
export function sanitize(text: string): string {
  return text.replace(ESC_SEQ, '').replace(CONTROLS, '');
}

/** One line for a table cell: controls stripped, newlines and tabs folded to spaces. */
export function sanitizeLine(text: string): string {
  return sanitize(text).replace(/[\t\n]+/g, ' ');
}
