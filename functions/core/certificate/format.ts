/**
 * How the certificate writes dates and hours, shared by the PDF and the verification page. Kept
 * apart from the PDF code so the verification page's bundle does not carry the PDF writer.
 */

export function formatDutchDate(isoDate: string): string {
  return new Date(`${isoDate.slice(0, 10)}T12:00:00Z`).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatHours(hours: number): string {
  return hours.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
}
