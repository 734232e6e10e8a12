/**
 * Masks e-mail addresses inside free text that leaves the process: log lines, error texts kept by BullMQ, the staff
 * list of failed jobs. SMTP servers quote the recipient in their rejections (`550 5.1.1 <aigerim@example.kz>: …`),
 * and key-based redaction (REDACTED_PATHS) cannot see into such a string.
 */
export function maskEmailAddresses(text: string): string {
  return text.replace(/[^\s<>"'@()[\],;:]+@[^\s<>"'@()[\],;:]+/g, '***@***');
}
