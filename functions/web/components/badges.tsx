/** Done / not done, in words and a shape, never by colour alone. */
export function DoneBadge({ done }: { done: boolean }) {
  return done ? (
    <span class="badge done">
      <span aria-hidden="true">✓ </span>Klaar
    </span>
  ) : (
    <span class="badge todo">Nog te doen</span>
  );
}

/** A small padlock (decorative: the text next to it says what it means). */
export function LockIcon() {
  return (
    <svg class="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" stroke-width="1.8" />
    </svg>
  );
}
