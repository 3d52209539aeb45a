import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';

/** Exports of the drawn chart. */
export interface VegaViewHandle {
  toImage(kind: 'png' | 'svg'): Promise<string>;
}

interface EmbedResult {
  view: { toImageURL(type: string, scale?: number): Promise<string>; finalize(): void };
  finalize(): void;
}

/** Draws a Vega-Lite spec; vega-embed (and Vega, Vega-Lite) load only when the first chart is drawn. */
export const VegaView = forwardRef<VegaViewHandle, { spec: Record<string, unknown> }>(function VegaView(
  { spec },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const result = useRef<EmbedResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const el = host.current;
    if (!el) return;
    import('vega-embed')
      .then(async ({ default: embed }) => {
        if (cancelled) return;
        const r = (await embed(el, spec as never, {
          actions: false,
          renderer: 'svg',
        })) as unknown as EmbedResult;
        if (cancelled) r.finalize();
        else {
          result.current?.finalize();
          result.current = r;
          setError(null);
        }
      })
      .catch((err: unknown) => {
        if (!cancelled) setError(err instanceof Error ? err.message : String(err));
      });
    return () => {
      cancelled = true;
    };
  }, [spec]);

  useEffect(() => () => result.current?.finalize(), []);

  useImperativeHandle(ref, () => ({
    toImage: async (kind) => {
      if (!result.current) throw new Error('The chart is not drawn yet.');
      return result.current.view.toImageURL(kind, kind === 'png' ? 2 : 1);
    },
  }));

  return (
    <>
      {error ? (
        <p className="error-text" role="alert">
          The chart could not be drawn: {error}
        </p>
      ) : null}
      <div className="chart-canvas" ref={host} data-testid="chart" />
    </>
  );
});
