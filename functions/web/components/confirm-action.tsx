/**
 * An admin action that cannot be undone (remove a package, revoke an export): the first button
 * asks, the panel says what will happen, "Definitief …" does it, "Annuleren" goes back. While it
 * runs the button is marked busy; a failure is shown under it in the server's words when it gave
 * some, else in `failureText`.
 */
import { useState } from 'preact/hooks';
import { failureMessage } from '../contact-view.js';

export interface ConfirmActionProps {
  /** The first button, e.g. "Verwijderen"; the confirming one says "Definitief <label, lowercase>". */
  label: string;
  /** The confirmation panel's name for screen readers, e.g. "Samen beslissen verwijderen". */
  groupLabel: string;
  /** What happens, in one or two sentences. */
  explanation: string;
  failureText: string;
  action: () => Promise<void>;
}

export function ConfirmAction({ label, groupLabel, explanation, failureText, action }: ConfirmActionProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setConfirming(false);
    } catch (error) {
      setFailure(failureMessage(error, failureText));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {!confirming ? (
        <button type="button" class="button" onClick={() => setConfirming(true)}>
          {label}
        </button>
      ) : (
        <div class="confirm" role="group" aria-label={groupLabel}>
          <p>{explanation}</p>
          <button type="button" class="button primary" aria-disabled={busy ? 'true' : undefined} onClick={() => void run()}>
            Definitief {label.toLowerCase()}
          </button>{' '}
          <button type="button" class="button" onClick={() => setConfirming(false)}>
            Annuleren
          </button>
        </div>
      )}
      {failure && (
        <p class="error-box" role="alert">
          {failure}
        </p>
      )}
    </>
  );
}
