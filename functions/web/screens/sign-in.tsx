/**
 * Sign-in. Locally: e-mail and password (POST /auth/login). In AWS people will sign in with
 * Cognito; this build does not do that yet and says so plainly.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, NetworkError, storeToken, type AppConfig } from '../api.js';

export function SignIn({ config, notice, onSignedIn }: { config: AppConfig | undefined; notice?: string | undefined; onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.title = 'Inloggen – Introductie Positieve Gezondheid';
    if (notice) heading.current?.focus();
  }, [notice]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(!email.trim() ? 'Vul je e-mailadres in.' : 'Vul je wachtwoord in.');
      requestAnimationFrame(() => errorRef.current?.focus());
      return;
    }
    setBusy(true);
    setError('');
    try {
      const { token } = await api.login(email.trim(), password);
      storeToken(token);
      onSignedIn();
    } catch (caught) {
      setBusy(false);
      setError(
        caught instanceof NetworkError
          ? 'We kunnen de server nu niet bereiken. Controleer je internetverbinding en probeer het opnieuw.'
          : caught instanceof ApiError && caught.status === 401
            ? 'Dit e-mailadres en wachtwoord passen niet bij elkaar. Probeer het nog eens.'
            : caught instanceof ApiError && caught.status === 400 && caught.serverMessage
              ? caught.serverMessage
              : 'Inloggen lukt nu niet. Probeer het over een paar minuten opnieuw.',
      );
      requestAnimationFrame(() => errorRef.current?.focus());
    }
  };

  const cognito = config?.signIn.kind === 'cognito';
  return (
    <>
      <header class="site-header">
        <div class="wrap">
          <span class="brand">Introductie Positieve Gezondheid</span>
        </div>
      </header>
      <main id="main" class="signin" tabIndex={-1}>
        <div class="wrap narrow">
          <h1 ref={heading} tabIndex={-1}>
            Inloggen
          </h1>
          {notice && (
            <p class="notice" role="status">
              {notice}
            </p>
          )}
          {cognito ? (
            <p class="notice">
              Deze versie van de cursus kan alleen lokaal inloggen. Inloggen met je account van de cursusaanbieder komt binnenkort. Neem contact op met je
              cursusaanbieder als je nu verder wilt.
            </p>
          ) : (
            <form class="card form" onSubmit={submit} noValidate>
              <p>Log in met het e-mailadres en wachtwoord van je cursusaccount.</p>
              {error && (
                <p class="error-box" role="alert" tabIndex={-1} ref={errorRef}>
                  {error}
                </p>
              )}
              <div class="field">
                <label for="email">E-mailadres</label>
                <input
                  id="email"
                  type="email"
                  autocomplete="username"
                  inputMode="email"
                  value={email}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                  required
                />
              </div>
              <div class="field">
                <label for="password">Wachtwoord</label>
                <input
                  id="password"
                  type="password"
                  autocomplete="current-password"
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                  required
                />
              </div>
              <button type="submit" class="button primary" disabled={busy}>
                {busy ? 'Bezig met inloggen…' : 'Inloggen'}
              </button>
            </form>
          )}
        </div>
      </main>
    </>
  );
}
