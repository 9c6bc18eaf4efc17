package org.wenshu.generator;

import org.junit.jupiter.api.Test;
import org.wenshu.templates.InstrumentCatalog;
import org.wenshu.templates.TemplateRenderer;

class ScratchTests {
    @Test
    void phases() {
        var c = InstrumentCatalog.standard();
        var fonts = Fixtures.fonts();
        var t = new TemplateRenderer();
        var r = new PdfRenderer(fonts);
        var values = c.require("reply-reminder").validate(Fixtures.example("reply-reminder"));
        for (int i = 0; i < 100; i++) r.render(t.render(values));
        jdk.jfr.Recording rec;
        try { rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile")); } catch (Exception e) { throw new RuntimeException(e); }
        rec.start();
        long a = 0, b = 0;
        for (int i = 0; i < 100; i++) {
            long t0 = System.nanoTime();
            var x = t.render(values);
            long t1 = System.nanoTime();
            r.render(x);
            long t2 = System.nanoTime();
            a += t1 - t0; b += t2 - t1;
        }
        rec.stop();
        try { rec.dump(java.nio.file.Path.of("/tmp/rec.jfr")); } catch (Exception e) { throw new RuntimeException(e); }
        System.out.printf("template %.2f ms, pdf %.2f ms%n", a / 1e8, b / 1e8);
    }
}
