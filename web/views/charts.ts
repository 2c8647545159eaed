/**
 * Inline SVG bar charts: no chart library, no script, readable without JS.
 */
import { html, type Html } from '../html.js';

export interface Series {
  name: string;
  values: number[];
  cls: string;
}

/** Grouped vertical bars, one group per label. */
export function barChart(title: string, labels: string[], series: Series[], opts: { width?: number; height?: number } = {}): Html {
  const width = opts.width ?? 720;
  const height = opts.height ?? 220;
  const pad = { l: 36, r: 8, t: 24, b: 48 };
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const plotW = width - pad.l - pad.r;
  const plotH = height - pad.t - pad.b;
  const groupW = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, (groupW * 0.8) / Math.max(1, series.length));
  const y = (v: number) => pad.t + plotH - (v / max) * plotH;
  const ticks = [0, Math.round(max / 2), max];
  return html`<figure class="chart">
<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" xmlns="http://www.w3.org/2000/svg">
  <text x="${pad.l}" y="16" class="chart-title">${title}</text>
  ${ticks.map((t) => html`<line x1="${pad.l}" x2="${width - pad.r}" y1="${y(t)}" y2="${y(t)}" class="grid"/><text x="${pad.l - 4}" y="${y(t) + 4}" text-anchor="end" class="tick">${t}</text>`)}
  ${labels.map((label, i) => {
    const gx = pad.l + i * groupW + groupW * 0.1;
    return html`<g>${series.map((s, j) => {
      const v = s.values[i] ?? 0;
      return html`<rect x="${gx + j * barW}" y="${y(v)}" width="${barW - 1}" height="${pad.t + plotH - y(v)}" class="${s.cls}"><title>${s.name} ${label}: ${v}</title></rect>`;
    })}<text x="${gx + (barW * series.length) / 2}" y="${height - pad.b + 14}" text-anchor="middle" class="tick">${label}</text></g>`;
  })}
</svg>
<figcaption>${series.map((s) => html`<span class="legend ${s.cls}">${s.name}</span> `)}</figcaption>
</figure>`;
}
