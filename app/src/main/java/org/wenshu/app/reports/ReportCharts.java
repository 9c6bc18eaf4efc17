package org.wenshu.app.reports;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.wenshu.app.dashboard.FigureTable;

/**
 * Draws a figure section's chart with JFreeChart into SVG (JFreeSVG) for the yearly report: vector graphics only.
 * Text is drawn as glyph outlines of WenQuanYi Zen Hei (the 黑体 shipped with wenshu), so the chart needs no font in
 * the PDF at all — the PDF keeps only the fonts the generator embeds, and the same figures stay searchable as text in
 * the table under each chart. Thread-safe.
 */
public final class ReportCharts {

    /** Width and height in CSS pixels: 590 px at 96 per inch is the 156 mm text block of GB/T 9704. */
    static final int WIDTH = 590;
    static final int HEIGHT = 280;

    private static final Color[] PALETTE = {new Color(0xB3261E), new Color(0x0B57D0), new Color(0xE8A317),
            new Color(0x188038), new Color(0x7B1FA2), new Color(0x00838F), new Color(0x5F6368), new Color(0xC2185B)};

    // Read on the first chart: loading the 17 MB collection through AWT costs a start about a second.
    private volatile Font font;

    /** Charts lettered in the bundled WenQuanYi Zen Hei, read when the first chart is drawn. */
    public ReportCharts() {
    }

    private Font font() {
        Font current = font;
        if (current == null) {
            synchronized (this) {
                current = font;
                if (current == null) {
                    current = bundledHei();
                    font = current;
                }
            }
        }
        return current;
    }

    private static Font bundledHei() {
        try (InputStream in = ReportCharts.class.getResourceAsStream("/fonts/wqy-zenhei.ttc")) {
            if (in == null) {
                throw new IllegalStateException("the generator's bundled font fonts/wqy-zenhei.ttc is missing");
            }
            return Arrays.stream(Font.createFonts(in)).filter(f -> f.getFamily().equals("WenQuanYi Zen Hei"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("WenQuanYi Zen Hei not in wqy-zenhei.ttc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("fonts/wqy-zenhei.ttc is not a usable font", e);
        }
    }

    /** The chart as a complete {@code <svg>} element of {@link #WIDTH} × {@link #HEIGHT} CSS pixels. */
    public String svg(FigureTable.Chart chart) {
        JFreeChart drawn = chart(chart);
        SVGGraphics2D graphics = new SVGGraphics2D(WIDTH, HEIGHT);
        graphics.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        drawn.draw(graphics, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        return graphics.getSVGElement();
    }

    private JFreeChart chart(FigureTable.Chart chart) {
        Font lettering = font();
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> categories = chart.categories();
        for (FigureTable.Series series : chart.series()) {
            for (int i = 0; i < categories.size(); i++) {
                data.addValue(series.values().get(i), series.name(), categories.get(i));
            }
        }
        CategoryAxis categoryAxis = new CategoryAxis();
        categoryAxis.setTickLabelFont(lettering.deriveFont(11f));
        if (categories.size() > 6) {
            categoryAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis valueAxis = new NumberAxis(chart.unit());
        valueAxis.setLabelFont(lettering.deriveFont(11f));
        valueAxis.setTickLabelFont(lettering.deriveFont(10f));
        if (!chart.unit().equals("%") && !chart.unit().equals("天")) {
            valueAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        CategoryItemRenderer renderer = switch (chart.kind()) {
            case BAR -> flat(new BarRenderer());
            case STACKED_BAR -> flat(new StackedBarRenderer());
            case LINE -> new LineAndShapeRenderer(true, true);
        };
        for (int i = 0; i < chart.series().size(); i++) {
            renderer.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xCCCCCC));
        plot.setOutlineVisible(false);
        JFreeChart drawn = new JFreeChart(null, lettering.deriveFont(12f), plot, chart.series().size() > 1);
        drawn.setBackgroundPaint(Color.WHITE);
        drawn.setAntiAlias(true);
        LegendTitle legend = drawn.getLegend();
        if (legend != null) {
            legend.setItemFont(lettering.deriveFont(11f));
            legend.setFrame(BlockBorder.NONE);
            legend.setPosition(RectangleEdge.TOP);
        }
        return drawn;
    }

    private static BarRenderer flat(BarRenderer renderer) {
        // Flat fills: no gradients or shadows (a shadow would be a translucent shape in the PDF).
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setMaximumBarWidth(0.08);
        return renderer;
    }
}
