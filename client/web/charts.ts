/**
 * Charts drawn on the server as SVG by Apache ECharts (server-side rendering: no DOM, no browser script),
 * so a dashboard page stays a light HTML page that prints. Each chart is embedded as an <img> of a data:
 * URI (ECharts writes style attributes, which a strict page CSP would refuse inline; helmet's default
 * img-src allows data:); its numbers are also in the page's tables, for screen readers and for copying.
 */
import * as echarts from 'echarts';

export interface BarChart {
  title: string;
  /** Category labels (bins, offices). */
  categories: string[];
  series: { name: string; values: number[]; color: string }[];
  /** Bars of the first series from this category on are past the legal term: drawn in red. */
  overFrom?: number;
  width?: number;
  height?: number;
}

/** Charts drawn lately, by what they show: ECharts takes tens of ms a chart, and the dashboard's figures are kept a few seconds (app/program/currentProgramFigures.ts), so its reloads draw the same charts. */
const drawn = new Map<string, string>();
const DRAWN_MAX = 64;

export function barChartSvg(c: BarChart): string {
  const key = JSON.stringify(c);
  const kept = drawn.get(key);
  if (kept !== undefined) return kept;
  const svg = drawBarChart(c);
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, svg);
  return svg;
}

function drawBarChart(c: BarChart): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: c.width ?? 520, height: c.height ?? 240 });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'system-ui, Arial, sans-serif' },
      title: { text: c.title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: '#1d2330' } },
      legend: c.series.length > 1 ? { bottom: 0, left: 'center', textStyle: { fontSize: 11 } } : undefined,
      grid: { left: 36, right: 12, top: 36, bottom: c.series.length > 1 ? 52 : 28 },
      xAxis: { type: 'category', data: c.categories, axisLabel: { fontSize: 11, color: '#56607a' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 11, color: '#56607a' } },
      series: c.series.map((s, i) => ({
        type: 'bar',
        name: s.name,
        // The series colour (legend), and red for the first series' bars past the term.
        itemStyle: { color: s.color },
        data: s.values.map((v, k) => ({ value: v, itemStyle: { color: i === 0 && c.overFrom !== undefined && k >= c.overFrom ? '#b3261e' : s.color } })),
        label: { show: true, position: 'top', fontSize: 11, color: '#1d2330', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
      })),
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export const svgDataUri = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
