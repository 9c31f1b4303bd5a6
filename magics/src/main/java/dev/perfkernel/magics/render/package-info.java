/**
 * Rendering of reports into notebook outputs ({@link dev.perfkernel.magics.api.MimeBundle}s).
 *
 * <ul>
 *   <li>{@link dev.perfkernel.magics.render.Table} of {@link dev.perfkernel.magics.render.Column}s and
 *       {@link dev.perfkernel.magics.render.Cell}s (tooltip, {@link dev.perfkernel.magics.render.Status}
 *       tint) → aligned text and themed HTML.</li>
 *   <li>Charts ({@link dev.perfkernel.magics.render.Chart}: Vega-Lite v5 spec + static SVG + text):
 *       {@link dev.perfkernel.magics.render.BarChart} (error bars, groups, baseline),
 *       {@link dev.perfkernel.magics.render.XYChart} (series on linear/log axes, fitted lines),
 *       {@link dev.perfkernel.magics.render.GcTimelineChart} (heap before/after and pauses over time),
 *       {@link dev.perfkernel.magics.render.HistogramChart} (distributions with p50/p99 markers).</li>
 *   <li>{@link dev.perfkernel.magics.render.FlameGraph}: collapsed stacks → SVG, or HTML with
 *       click-to-zoom.</li>
 *   <li>{@link dev.perfkernel.magics.render.Bundles}: table, chart, flame graph, collapsible section,
 *       environment block and warnings as bundles. Show a table and a chart as separate displays.</li>
 * </ul>
 *
 * All text is escaped through {@link dev.perfkernel.magics.render.Html}; HTML carries its own
 * {@link dev.perfkernel.magics.render.Styles} so it survives nbconvert; SVGs have a white
 * background and no scripts or external resources.
 */
package dev.perfkernel.magics.render;
