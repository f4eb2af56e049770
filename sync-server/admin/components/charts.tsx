/** @jsxImportSource hono/jsx */
/**
 * Charts drawn on the server as inline SVG: a line chart and a bar chart with axes, tick
 * labels and an accessible title and summary (no chart library, no script).
 */
import type { Point } from "../queries/series";

const W = 640;
const H = 220;
const PAD = { top: 16, right: 16, bottom: 36, left: 64 };

interface ChartProps {
  id: string;
  title: string;
  points: Point[];
  /** Formats a value for the y axis and the summary. */
  format?: (v: number) => string;
  /** Formats an x key (a day or an ISO minute) for the x axis. */
  label?: (at: string) => string;
  /** Values are counts: whole-number ticks only (no "0.25 enrollments"). */
  counts?: boolean;
}

/** 0 and about four "nice" steps above it (1, 2, 2.5 or 5 × 10^n; whole steps for counts). */
function niceTicks(max: number, counts = false): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const step = counts ? Math.max(1, Math.ceil(nice)) : nice;
  const ticks = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(v);
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push(ticks.length * step);
  return ticks;
}

function frame(props: ChartProps, bars = false) {
  const format = props.format ?? ((v: number) => String(v));
  const label = props.label ?? ((at: string) => at);
  const max = Math.max(0, ...props.points.map((p) => p.value));
  const ticks = niceTicks(max, props.counts);
  const top = ticks[ticks.length - 1] || 1;
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const n = Math.max(1, props.points.length);
  const x = (i: number) =>
    bars
      ? PAD.left + (iw / n) * i + iw / n / 2
      : PAD.left + (n === 1 ? iw / 2 : (i * iw) / (n - 1));
  const y = (v: number) => PAD.top + ih - (v / top) * ih;
  const total = props.points.reduce((s, p) => s + p.value, 0);
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
  const summary = `${props.title}: ${props.points.length} points from ${first ? label(first.at) : "—"} to ${last ? label(last.at) : "—"}, total ${format(total)}, highest ${format(max)}.`;
  const every = Math.max(1, Math.ceil(n / 6));
  const axes = (
    <g class="axes">
      {ticks.map((t) => (
        <g>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} class="grid" />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
            {format(t)}
          </text>
        </g>
      ))}
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={PAD.top + ih} class="axis" />
      <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + ih} y2={PAD.top + ih} class="axis" />
      {props.points.map((p, i) =>
        i % every === 0 || i === n - 1 ? (
          <text x={x(i)} y={H - 12} text-anchor="middle">
            {label(p.at)}
          </text>
        ) : null,
      )}
    </g>
  );
  return { x, y, iw, ih, n, axes, summary, format, label };
}

export function LineChart(props: ChartProps) {
  const f = frame(props);
  const path = props.points
    .map((p, i) => `${i === 0 ? "M" : "L"}${f.x(i).toFixed(1)},${f.y(p.value).toFixed(1)}`)
    .join(" ");
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{f.summary}</desc>
        {f.axes}
        <path d={path} class="line" />
        {props.points.map((p, i) => (
          <circle cx={f.x(i)} cy={f.y(p.value)} r="2.5" class="dot">
            <title>{`${f.label(p.at)}: ${f.format(p.value)}`}</title>
          </circle>
        ))}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}

export function BarChart(props: ChartProps) {
  const f = frame(props, true);
  const slot = f.iw / f.n;
  const bw = Math.max(1, slot * 0.7);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{props.title}</title>
        <desc id={`${props.id}-desc`}>{f.summary}</desc>
        {f.axes}
        {props.points.map((p, i) => {
          const cx = f.x(i);
          const top = f.y(p.value);
          return (
            <rect
              x={(cx - bw / 2).toFixed(1)}
              y={top.toFixed(1)}
              width={bw.toFixed(1)}
              height={(PAD.top + f.ih - top).toFixed(1)}
              class="bar"
            >
              <title>{`${f.label(p.at)}: ${f.format(p.value)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption>{props.title}</figcaption>
    </figure>
  );
}
