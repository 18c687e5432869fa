// uPlot charts in the theme's colours. A chart is described by a spec whose colours are theme
// roles ('blue', 'foreground'...), turned into uPlot options when drawn; a theme change rebuilds
// the chart with the same data. Sizes follow the container (ResizeObserver).
import uPlot from 'uplot';

import { h } from './dom';
import { chartTheme, onThemeChange, withAlpha, type ChartTheme } from './theme';

export type Role = 'blue' | 'red' | 'green' | 'yellow' | 'orange' | 'purple' | 'foreground' | 'muted';

export interface SeriesSpec {
    readonly label: string;
    readonly role: Role;
    /** Line width in CSS pixels; 0: no line. */
    readonly width?: number;
    /** Line alpha (the band edges are faint). */
    readonly alpha?: number;
    readonly dash?: number[];
    /** Points only (a scatter): their diameter. */
    readonly points?: number;
    /** The y scale ('y' by default, 'y2' for the right axis). */
    readonly scale?: 'y' | 'y2';
    /** Left out of the legend (band edges). */
    readonly legend?: boolean;
    /** How the legend writes a value at the cursor. */
    readonly format?: (v: number) => string;
    /** Draw steps (best-so-far curves). */
    readonly stepped?: boolean;
}

export interface BandSpec {
    /** Series indices (1-based, as uPlot counts: 0 is x) of the upper and lower edge. */
    readonly upper: number;
    readonly lower: number;
    readonly role: Role;
    readonly alpha: number;
}

export interface AxisSpec {
    readonly label: string;
    /** Ticks on whole numbers only (signal numbers, lines). */
    readonly integer?: boolean;
    /** The tick steps to choose from (seconds: 0.1, 0.2, 0.5, 1...). */
    readonly steps?: number[];
    readonly format?: (v: number) => string;
    readonly log?: 2 | 10;
    /** Fixed range; otherwise fitted to the data. */
    readonly range?: [number, number];
    /** Fitted, but always including these. */
    readonly include?: number[];
}

export interface VerticalMarker {
    readonly x: number;
    readonly label: string;
    readonly role: Role;
}

export interface ChartSpec {
    readonly height: number;
    readonly x: AxisSpec;
    readonly y: AxisSpec;
    readonly y2?: AxisSpec;
    readonly series: readonly SeriesSpec[];
    readonly bands?: readonly BandSpec[];
    readonly markers?: readonly VerticalMarker[];
    /** Called with the data index under the cursor when the plot is clicked. */
    readonly onClick?: (index: number) => void;
    /** 'static' (default): the series' names under the chart; 'none': the page draws its own legend. */
    readonly legend?: 'static' | 'none';
    /** Accessible description of the chart (aria-label). */
    readonly description: string;
}

export type ChartData = [number[], ...(number | null)[][]];

function color(theme: ChartTheme, role: Role): string {
    return theme[role];
}

function rangeFn(spec: AxisSpec, tight = false): uPlot.Scale.Range | undefined {
    if (spec.range) return spec.range;
    if (spec.log) return undefined;
    // x: exactly the data; y: the data with some room (and the values to include).
    if (tight) return (_u, min, max) => (min === max ? [min - 1, max + 1] : [min, max]);
    return (_u, min, max) => {
        let lo = min;
        let hi = max;
        for (const v of spec.include ?? []) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
        if (lo === hi) return [lo - 1, hi + 1];
        const pad = (hi - lo) * 0.06;
        return [lo - pad, hi + pad];
    };
}

function axis(theme: ChartTheme, spec: AxisSpec, side: 0 | 1 | 2 | 3, scale: string, grid: boolean): uPlot.Axis {
    const fmt = spec.format;
    return {
        scale,
        side,
        label: spec.label,
        labelFont: theme.font,
        font: theme.font,
        stroke: theme.muted,
        labelSize: 20,
        grid: { show: grid, stroke: theme.grid, width: 1 },
        ...(spec.steps ? { incrs: spec.steps } : spec.integer ? { incrs: [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000] } : {}),
        ticks: { show: true, stroke: theme.grid, width: 1, size: 4 },
        ...(fmt ? { values: (_u: uPlot, splits: number[]) => (splits as (number | null)[]).map((v) => (v == null ? '' : fmt(v))) } : {}),
        // Room for the widest tick label.
        size: (u: uPlot, values: string[] | null) => {
            if (!values?.length) return 40;
            u.ctx.font = theme.font;
            const widest = Math.max(...values.map((v) => u.ctx.measureText(v).width));
            return side === 2 ? 34 : Math.ceil(widest / devicePixelRatio) + 18;
        },
    };
}

function options(theme: ChartTheme, spec: ChartSpec, width: number): uPlot.Options {
    const series: uPlot.Series[] = [
        { label: spec.x.label, ...(spec.x.format ? { value: (_u: uPlot, v: number | null) => (v == null ? '–' : (spec.x.format?.(v) ?? String(v))) } : {}) },
        ...spec.series.map((s): uPlot.Series => {
            const c = color(theme, s.role);
            const stroke = s.alpha != null ? withAlpha(c, s.alpha) : c;
            const scatter = s.points != null;
            return {
                label: s.label,
                scale: s.scale ?? 'y',
                stroke,
                width: s.width ?? (scatter ? 0 : 1.5),
                ...(s.dash ? { dash: s.dash } : {}),
                spanGaps: !scatter,
                ...(scatter
                    ? { paths: () => null, points: { show: true, size: s.points, width: 1, stroke: c, fill: withAlpha(c, 0.75) } }
                    : { points: { show: false } }),
                ...(s.stepped ? { paths: uPlot.paths.stepped?.({ align: 1 }) } : {}),
                value: (_u: uPlot, v: number | null) => (v == null ? '–' : s.format ? s.format(v) : String(Math.round(v * 1000) / 1000)),
            };
        }),
    ];
    const scales: uPlot.Scales = {
        x: { time: false, ...(spec.x.log ? { distr: 3, log: spec.x.log } : {}), ...(rangeFn(spec.x, true) ? { range: rangeFn(spec.x, true) } : {}) },
        y: { ...(spec.y.log ? { distr: 3, log: spec.y.log } : {}), ...(rangeFn(spec.y) ? { range: rangeFn(spec.y) } : {}) },
    };
    const axes: uPlot.Axis[] = [axis(theme, spec.x, 2, 'x', true), axis(theme, spec.y, 3, 'y', true)];
    if (spec.y2) {
        scales.y2 = { ...(spec.y2.log ? { distr: 3, log: spec.y2.log } : {}), ...(rangeFn(spec.y2) ? { range: rangeFn(spec.y2) } : {}) };
        axes.push(axis(theme, spec.y2, 1, 'y2', false));
    }
    const markers = spec.markers ?? [];
    return {
        width,
        height: spec.height,
        series,
        scales,
        axes,
        bands: (spec.bands ?? []).map((b) => ({ series: [b.upper, b.lower], fill: withAlpha(color(theme, b.role), b.alpha) })),
        legend: { show: spec.legend !== 'none', live: false },
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
        // Room on the right for the last tick label.
        padding: [12, 18, 0, 0],
        hooks: markers.length
            ? {
                  draw: [
                      (u: uPlot) => {
                          const ctx = u.ctx;
                          ctx.save();
                          for (const m of markers) {
                              const x = Math.round(u.valToPos(m.x, 'x', true));
                              if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
                              const c = color(theme, m.role);
                              ctx.strokeStyle = c;
                              ctx.lineWidth = devicePixelRatio * 1.5;
                              ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
                              ctx.beginPath();
                              ctx.moveTo(x, u.bbox.top);
                              ctx.lineTo(x, u.bbox.top + u.bbox.height);
                              ctx.stroke();
                              ctx.setLineDash([]);
                              ctx.fillStyle = c;
                              ctx.font = theme.font.replace(/^(\d+)px/, (_m, px: string) => `${String(Number(px) * devicePixelRatio)}px`);
                              const textWidth = ctx.measureText(m.label).width;
                              const right = x + 6 * devicePixelRatio + textWidth < u.bbox.left + u.bbox.width;
                              ctx.textAlign = right ? 'left' : 'right';
                              ctx.fillText(m.label, right ? x + 6 * devicePixelRatio : x - 6 * devicePixelRatio, u.bbox.top + 14 * devicePixelRatio);
                          }
                          ctx.restore();
                      },
                  ],
              }
            : {},
    };
}

/** A chart in `container`, redrawn for the theme and the container's width. */
export class Chart {
    private plot: uPlot | undefined;
    private data: ChartData;
    private readonly holder: HTMLElement;
    private width = 0;

    constructor(
        container: HTMLElement,
        private readonly spec: ChartSpec,
        data: ChartData,
    ) {
        this.data = data;
        this.holder = h('div', { class: 'chart', attrs: { role: 'img', 'aria-label': spec.description } });
        container.appendChild(this.holder);
        new ResizeObserver(() => {
            const w = Math.floor(this.holder.clientWidth);
            if (w > 0 && w !== this.width) {
                this.width = w;
                if (this.plot) this.plot.setSize({ width: w, height: this.spec.height });
                else this.build();
            }
        }).observe(this.holder);
        onThemeChange(() => {
            this.build();
        });
    }

    /** The number of values drawn (y values that are not null), on the holder for tests and screen readers. */
    private markPoints(): void {
        const [, ...ys] = this.data;
        const n = ys.reduce((sum, ys1) => sum + ys1.filter((v) => v != null).length, 0);
        this.holder.dataset.points = String(n);
    }

    private build(): void {
        this.markPoints();
        this.plot?.destroy();
        this.plot = undefined;
        if (this.width <= 0) return;
        const theme = chartTheme();
        const plot = new uPlot(options(theme, this.spec, this.width), this.data as uPlot.AlignedData, this.holder);
        // Band edges stay out of the legend.
        const rows = plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
        this.spec.series.forEach((s, i) => {
            if (s.legend === false) rows[i + 1]?.classList.add('legend-hidden');
        });
        const onClick = this.spec.onClick;
        if (onClick)
            plot.over.addEventListener('click', () => {
                const idx = plot.cursor.idx;
                if (idx != null) onClick(idx);
            });
        this.plot = plot;
    }

    setData(data: ChartData): void {
        this.data = data;
        this.markPoints();
        if (this.plot) this.plot.setData(data as uPlot.AlignedData);
        else this.build();
    }
}
