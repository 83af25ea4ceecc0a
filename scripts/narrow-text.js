// Text that is one terminal column a character everywhere, for the bundle's shortcuts
// (string-width-memo.js, and the Ink output patch in dependency-patches.js).

/**
 * SGR colour codes, and characters each one cell, one grapheme and one column wide in every
 * terminal: ASCII, Latin-1, spacing modifiers, general punctuation, arrows, maths operators, box
 * drawing, block elements, check marks. No combining marks, no soft hyphen, no wide or emoji.
 */
export const narrowOnly = /^(?:\u001B\[[\d;]*m|[\u0020-\u007E\u00A0-\u00AC\u00AE-\u02FF\u2010-\u2027\u2190-\u22FF\u2500-\u259F\u2713\u2717])*$/;
