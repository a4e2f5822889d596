import { Redactor, createRedactor } from '../connection/redact';

/**
 * The extension's registry of secrets met at run time (the PlanetScale token when it is read or
 * typed, role passwords), masked in every text bound for logs, messages and webviews, in every
 * encoding, together with anything shaped like a secret (see connection/redact.ts).
 */
export class SecretRedactor {
  private readonly secrets: string[] = [];
  private masker: Redactor = createRedactor([]);

  /** Registers a secret; short ones are masked where they stand alone (see MIN_LENGTH_ANYWHERE). */
  add(secret: string | undefined): void {
    // Trimmed, as the extension uses secrets: pasted whitespace is not part of them.
    const value = secret?.trim();
    if (!value || this.secrets.includes(value)) return;
    this.secrets.push(value);
    this.masker = createRedactor(this.secrets);
  }

  redact(text: string): string {
    return this.masker(text);
  }
}
