/** The TOTP key in groups of four, as authenticator apps show it and people type it. */
export function formatSecret(secret: string): string {
  return (secret.replace(/\s/g, '').match(/.{1,4}/g) ?? []).join(' ');
}

/** The server's QR code (an SVG document) as an image URL; CSP allows `data:` images. */
export function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The text file a user can save their recovery codes in. */
export function recoveryCodesText(
  codes: readonly string[],
  options: { title: string; email: string; date: string },
): string {
  return [`${options.title}`, `${options.email} · ${options.date}`, '', ...codes, ''].join('\n');
}

/**
 * The steps on the account page: nothing open, re-entering the password, scanning the QR code
 * and confirming a code, the recovery codes shown once, and turning MFA off.
 */
export type MfaPhase = 'idle' | 'password' | 'scan' | 'codes' | 'disable';

/** Below this many unused recovery codes the page suggests making new ones. */
export const LOW_RECOVERY_CODES = 3;
