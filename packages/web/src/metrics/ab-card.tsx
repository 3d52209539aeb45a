import type { AbTestComparison, AbTestResult } from '@sightline/spec';
import { ErrorMessage } from '../ui/error-message.js';
import { confidenceLabel, headline, isSignificant, liftLine, srmWarning, testsLine } from './ab-wording.js';
import { count, num, pct, signed } from './metric-format.js';

/** The interval of the difference drawn on an axis with zero marked: the point estimate and its CI. */
export function IntervalDrawing(props: { c: AbTestComparison; conversion: boolean; confidence: number }) {
  const { c } = props;
  if (c.diff === null || c.ci_low === null || c.ci_high === null) return null;
  const lo = Math.min(c.ci_low, 0);
  const hi = Math.max(c.ci_high, 0);
  const pad = (hi - lo) * 0.15 || 1;
  const min = lo - pad;
  const max = hi + pad;
  const W = 420;
  const x = (v: number) => ((v - min) / (max - min)) * W;
  const label = (v: number) => (props.conversion ? `${signed(v * 100)} pts` : signed(v, 2));
  const significant = isSignificant(c, props.confidence);
  // A narrow interval has no room for three labels below it: the ends move outwards and the estimate (said in
  // the sentence above) is left to the dot.
  const narrow = x(c.ci_high) - x(c.ci_low) < 170;
  return (
    <svg
      className="ci-drawing"
      viewBox={`-50 0 ${W + 100} 62`}
      role="img"
      aria-label={`${confidenceLabel(props.confidence)} interval of the difference: ${label(c.ci_low)} to ${label(c.ci_high)}; zero is no difference`}
      data-testid="ci-drawing"
    >
      <text x={x(0)} y={11} className="ci-zero-label" textAnchor="middle">
        0 = no difference
      </text>
      <line x1={0} x2={W} y1={32} y2={32} className="ci-axis" />
      <line x1={x(0)} x2={x(0)} y1={17} y2={44} className="ci-zero" />
      <line
        x1={x(c.ci_low)}
        x2={x(c.ci_high)}
        y1={32}
        y2={32}
        className={significant ? 'ci-bar significant' : 'ci-bar'}
      />
      <line x1={x(c.ci_low)} x2={x(c.ci_low)} y1={25} y2={39} className="ci-cap" />
      <line x1={x(c.ci_high)} x2={x(c.ci_high)} y1={25} y2={39} className="ci-cap" />
      <circle cx={x(c.diff)} cy={32} r={5} className="ci-point" />
      <text x={x(c.ci_low)} y={56} textAnchor={narrow ? 'end' : 'middle'} className="ci-label">
        {label(c.ci_low)}
      </text>
      {narrow ? null : (
        <text x={x(c.diff)} y={56} textAnchor="middle" className="ci-label strong">
          {label(c.diff)}
        </text>
      )}
      <text x={x(c.ci_high)} y={56} textAnchor={narrow ? 'start' : 'middle'} className="ci-label">
        {label(c.ci_high)}
      </text>
    </svg>
  );
}

/** The A/B result: the SRM warning first when flagged, the outcome in words, the interval drawn, the test named. */
export function AbTestCard(props: { result: AbTestResult }) {
  const r = props.result;
  const srm = srmWarning(r);
  const conversion = r.kind === 'conversion';
  return (
    <div className="metric-result-body ab-card" data-testid="ab-card">
      {srm ? (
        <ErrorMessage
          tone="warning"
          error={{
            message: srm,
            hints: [
              'Compare the assignment counts per day and per variant; a bug in assignment often shows there.',
            ],
          }}
        />
      ) : null}
      {r.comparisons.length === 0 ? <p className="ab-headline">{r.summary}</p> : null}
      {r.comparisons.map((c) => {
        const lift = liftLine(c, r.confidence);
        const significant = isSignificant(c, r.confidence);
        return (
          <div key={`${c.variant}-${c.control}`} className="ab-comparison">
            <p className={significant ? 'ab-headline significant' : 'ab-headline'} data-testid="ab-headline">
              {headline(c, r)}
            </p>
            {lift ? <p className="muted">{lift}</p> : null}
            <IntervalDrawing c={c} conversion={conversion} confidence={r.confidence} />
          </div>
        );
      })}
      <table className="metric-table compact">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col" className="num">
              Users
            </th>
            <th scope="col" className="num">
              {conversion ? 'Converted' : 'Mean'}
            </th>
            {conversion ? (
              <th scope="col" className="num">
                Conversion
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {r.variants.map((v) => (
            <tr key={v.name}>
              <th scope="row">
                {v.name}
                {v.name === r.control ? <span className="muted small"> (control)</span> : null}
              </th>
              <td className="num">{count(v.n)}</td>
              <td className="num">
                {v.mean === null ? '—' : conversion ? count(Math.round(v.mean * v.n)) : num(v.mean)}
              </td>
              {conversion ? <td className="num">{pct(v.mean)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small" data-testid="ab-tests">
        Tests: {testsLine(r)}
      </p>
    </div>
  );
}
