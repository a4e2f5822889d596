/**
 * Masks secrets in text bound for logs, messages and webviews: the values registered at run
 * time (tokens, passwords) and anything shaped like an AWS key or URL credentials.
 */
export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret; very short strings are ignored so ordinary words are not masked. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 4) {
      this.secrets.add(secret);
      this.secrets.add(encodeURIComponent(secret));
    }
  }

  redact(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join('****');
    }
    return out
      .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****')
      .replace(/(aws_secret_access_key|aws_session_token|password|PGPASSWORD|secret)(\s*[=:]\s*)("[^"]*"|'[^']*'|\S+)/gi, '$1$2****')
      .replace(/(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/gi, '$1****@');
  }
}
