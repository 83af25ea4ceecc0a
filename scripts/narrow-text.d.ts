/** SGR codes and characters each one cell, one grapheme and one column wide. */
export const narrowOnly: RegExp;
