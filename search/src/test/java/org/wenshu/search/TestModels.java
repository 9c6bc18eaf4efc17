package org.wenshu.search;

import java.nio.file.Path;

import org.wenshu.search.semantic.BgeSmallZhEmbedder;
import org.wenshu.search.semantic.SentenceEmbedder;

/** The sentence model for tests, loaded once per JVM (the copy out of its jar is kept between runs). */
final class TestModels {

    private static final class Holder {
        static final SentenceEmbedder EMBEDDER = BgeSmallZhEmbedder.load(
                Path.of(System.getProperty("java.io.tmpdir"), "wenshu-test-models"));
    }

    private TestModels() {
    }

    static SentenceEmbedder embedder() {
        return Holder.EMBEDDER;
    }
}
