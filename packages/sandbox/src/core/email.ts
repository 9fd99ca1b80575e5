/** Email addresses as the sandboxes compare and accept them. */

/** Something `@` something, no whitespace: what both APIs accept as an email address. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** The form emails are compared in: trimmed, lower case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
