package org.wenshu.generator;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.openhtmltopdf.css.parser.FSRGBColor;
import com.openhtmltopdf.extend.FSObjectDrawer;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.render.RenderingContext;
import org.w3c.dom.Element;
import org.wenshu.templates.VerificationMark;

/**
 * Prints the verification QR code ({@code <object type="application/x-wenshu-qr">} with {@code data-modules} and the
 * dark runs as {@code data-path}, see {@link VerificationMark}) as one black vector path filled in one operation: no
 * bitmap, no SVG document to build per page. The runs are {@code M x y h w v1 h-w z} in module units, scaled to the
 * object's box.
 */
final class QrCodeDrawer implements FSObjectDrawer {

    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

    @Override
    public Map<Shape, String> drawObject(Element element, double x, double y, double width, double height,
                                         OutputDevice device, RenderingContext context, int dotsPerPixel) {
        int modules;
        try {
            modules = Integer.parseInt(element.getAttribute("data-modules"));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("verification QR code without its size in modules", e);
        }
        if (modules < 1) {
            throw new IllegalStateException("verification QR code of " + modules + " modules");
        }
        // Square modules, the code centred in its box should the box not be square.
        double module = Math.min(width, height) / modules;
        double left = x + (width - module * modules) / 2;
        double top = y + (height - module * modules) / 2;
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        Matcher run = RUN.matcher(element.getAttribute("data-path"));
        while (run.find()) {
            path.append(new Rectangle2D.Double(left + Integer.parseInt(run.group(1)) * module,
                    top + Integer.parseInt(run.group(2)) * module, Integer.parseInt(run.group(3)) * module, module), false);
        }
        device.setColor(FSRGBColor.BLACK);
        device.fill(path);
        return null;
    }
}
