/**
 * Masks a contact for people outside the case: `138****8000`,
 * `w***@example.com`. Never reveals more than a third of the original.
 */
export function maskContact(contact: string): string {
  const at = contact.indexOf("@");
  if (at > 0) {
    return `${contact[0] ?? ""}***${contact.slice(at)}`;
  }
  const digits = contact.replace(/\D/g, "");
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `****${digits.slice(-3)}`;
  return "****";
}
