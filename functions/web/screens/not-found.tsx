export function NotFound() {
  return (
    <div>
      <h1 tabIndex={-1}>Deze pagina bestaat niet</h1>
      <p>Misschien is de link oud of niet helemaal goed overgenomen.</p>
      <p>
        <a class="button primary" href="#/">
          Naar het overzicht
        </a>
      </p>
    </div>
  );
}
