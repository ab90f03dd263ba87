/**
 * The spinnenweb as a radar chart (own SVG): six axes, grid rings at 0, 2, 4, 6, 8 and 10, the
 * latest fill-in as a filled shape, earlier ones as outlines, with a legend by date. Beneath it
 * the same numbers as a table, for screen readers and for anyone who prefers numbers.
 */
import type { SpinnenwebDimension } from '../../core/course/schema.js';
import { formatDate, formatDateTime } from '../progress-view.js';

export interface RadarEntry {
  at: string;
  scores: Record<string, number>;
}

/** Wider than high: the dimension names sit left and right of the web. */
const WIDTH = 580;
const HEIGHT = 400;
const CX = WIDTH / 2;
const CY = 192;
const RADIUS = 135;
const LINE_HEIGHT = 23;
const RINGS = [2, 4, 6, 8, 10];
const MAX = 10;
/** Earlier fill-ins: distinguishable by dash pattern as well as colour. */
const EARLIER_STYLES = [
  { stroke: '#6b4fa3', dash: '6 4' },
  { stroke: '#8a5a00', dash: '2 3' },
  { stroke: '#2f6f8f', dash: '10 3 2 3' },
];

function point(index: number, count: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (index * 2 * Math.PI) / count;
  const r = (RADIUS * value) / MAX;
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)];
}

function polygon(values: number[]): string {
  return values.map((v, i) => point(i, values.length, v).map((n) => n.toFixed(1)).join(',')).join(' ');
}

/** Splits a long label over two lines at the space nearest the middle. */
function labelLines(name: string): string[] {
  if (name.length <= 12 || !name.includes(' ')) return [name];
  const middle = name.length / 2;
  let best = -1;
  for (let i = 0; i < name.length; i++) if (name[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
  return [name.slice(0, best), name.slice(best + 1)];
}

export function RadarChart({ dimensions, entries, titleId, owner }: { dimensions: SpinnenwebDimension[]; entries: RadarEntry[]; titleId: string; owner?: string }) {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const latest = sorted[sorted.length - 1];
  const earlier = sorted.slice(0, -1).slice(-EARLIER_STYLES.length).reverse();
  const valuesOf = (entry: RadarEntry) => dimensions.map((d) => entry.scores[d.id] ?? 0);
  // By date; with the time as well when two fill-ins share a day.
  const dates = sorted.map((e) => formatDate(e.at));
  const sameDay = new Set(dates).size < dates.length;
  const label = (entry: RadarEntry) => (sameDay ? formatDateTime(entry.at) : formatDate(entry.at));
  const count = dimensions.length;
  const description = latest
    ? `${owner ? `Het spinnenweb van ${owner}, ingevuld op` : 'Je spinnenweb van'} ${label(latest)}: ${dimensions.map((d) => `${d.name} ${latest.scores[d.id] ?? '-'}`).join(', ')}.`
    : 'Nog niet ingevuld.';

  return (
    <figure class="radar">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${titleId}-desc`} class="radar-svg">
        <desc id={`${titleId}-desc`}>{description}</desc>
        <g class="grid">
          {RINGS.map((ring) => (
            <polygon key={ring} points={polygon(dimensions.map(() => ring))} class={ring === MAX ? 'ring outer' : 'ring'} />
          ))}
          {dimensions.map((d, i) => {
            const [x, y] = point(i, count, MAX);
            return <line key={d.id} x1={CX} y1={CY} x2={x} y2={y} class="axis" />;
          })}
          <circle cx={CX} cy={CY} r={2.5} class="origin" />
          {[0, ...RINGS].map((ring) => {
            const [x, y] = point(0, count, ring);
            return (
              <text key={ring} x={x - 6} y={y + (ring === 0 ? 14 : 5)} text-anchor="end" class="ring-label">
                {ring}
              </text>
            );
          })}
        </g>
        {earlier.map((entry, i) => (
          <polygon
            key={entry.at}
            points={polygon(valuesOf(entry))}
            class="earlier"
            stroke={EARLIER_STYLES[i]!.stroke}
            stroke-dasharray={EARLIER_STYLES[i]!.dash}
          />
        ))}
        {latest && (
          <g class="latest">
            <polygon points={polygon(valuesOf(latest))} class="latest-shape" />
            {valuesOf(latest).map((v, i) => {
              const [x, y] = point(i, count, v);
              return <circle key={i} cx={x} cy={y} r={4} class="latest-dot" />;
            })}
          </g>
        )}
        {dimensions.map((d, i) => {
          const [x, y] = point(i, count, MAX + 1.3);
          const anchor = Math.abs(x - CX) < 5 ? 'middle' : x > CX ? 'start' : 'end';
          const lines = labelLines(d.name);
          // Centred on the axis end; above the top axis and below the bottom one.
          const top = Math.abs(x - CX) < 5 ? (y < CY ? y - (lines.length - 1) * LINE_HEIGHT : y + 16) : y - ((lines.length - 1) * LINE_HEIGHT) / 2 + 7;
          return (
            <text key={d.id} x={x} y={top} text-anchor={anchor} class="axis-label">
              {lines.map((line, j) => (
                <tspan key={j} x={x} dy={j === 0 ? 0 : LINE_HEIGHT}>
                  {line}
                </tspan>
              ))}
            </text>
          );
        })}
      </svg>
      {latest && (
        <figcaption>
          <ul class="legend">
            <li>
              <svg width="28" height="14" aria-hidden="true" class="legend-swatch">
                <rect x="1" y="1" width="26" height="12" class="latest-shape" />
              </svg>
              {label(latest)} (nieuwste)
            </li>
            {earlier.map((entry, i) => (
              <li key={entry.at}>
                <svg width="28" height="14" aria-hidden="true" class="legend-swatch">
                  <line x1="1" y1="7" x2="27" y2="7" stroke={EARLIER_STYLES[i]!.stroke} stroke-width="2.5" stroke-dasharray={EARLIER_STYLES[i]!.dash} />
                </svg>
                {label(entry)}
              </li>
            ))}
          </ul>
          <details class="radar-table">
            <summary>Bekijk de cijfers in een tabel</summary>
            <table>
              <caption class="sr-only">{owner ? `De cijfers van ${owner} per dimensie` : 'Je cijfers per dimensie'}</caption>
              <thead>
                <tr>
                  <th scope="col">Dimensie</th>
                  {[...earlier].reverse().map((entry) => (
                    <th scope="col" key={entry.at}>
                      {label(entry)}
                    </th>
                  ))}
                  <th scope="col">{label(latest)}</th>
                </tr>
              </thead>
              <tbody>
                {dimensions.map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.name}</th>
                    {[...earlier].reverse().map((entry) => (
                      <td key={entry.at}>{entry.scores[d.id] ?? '–'}</td>
                    ))}
                    <td>{latest.scores[d.id] ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figcaption>
      )}
    </figure>
  );
}
