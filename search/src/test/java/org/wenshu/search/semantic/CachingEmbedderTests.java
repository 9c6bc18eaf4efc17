package org.wenshu.search.semantic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vector cache: what it embedded once it reads back, keyed by model and text, and a torn file heals. */
class CachingEmbedderTests {

    @TempDir
    Path folder;

    /** A model that derives a unit vector from the text's hash and counts what it had to embed. */
    static final class HashingModel implements SentenceEmbedder {

        final String identity;
        final List<String> embedded = new ArrayList<>();

        HashingModel(String identity) {
            this.identity = identity;
        }

        @Override
        public String model() {
            return identity;
        }

        @Override
        public int dimensions() {
            return 8;
        }

        @Override
        public synchronized float[] embedPassage(String passage) {
            embedded.add(passage);
            return vectorOf(identity + "|" + passage);
        }

        @Override
        public synchronized float[] embedQuery(String query) {
            embedded.add("query:" + query);
            return vectorOf(identity + "|instruction|" + query);
        }

        static float[] vectorOf(String text) {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                float[] vector = new float[8];
                double norm = 0;
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = hash[i] + 0.5f;
                    norm += vector[i] * vector[i];
                }
                for (int i = 0; i < vector.length; i++) {
                    vector[i] /= (float) Math.sqrt(norm);
                }
                return vector;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void passagesEmbeddedOnceAreReadBackFromTheFileByTheNextProcess() {
        Path file = folder.resolve("cache/vectors.bin");
        HashingModel first = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(first, file)) {
            cache.embedPassage("第一条 为了规范检察建议工作");
            cache.embedPassage("第二条 检察建议是人民检察院依法履行法律监督职责的重要方式");
            cache.embedPassage("第一条 为了规范检察建议工作");
            assertThat(cache.computed()).isEqualTo(2);
        }
        assertThat(first.embedded).hasSize(2);

        HashingModel second = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(second, file)) {
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.contains("第一条 为了规范检察建议工作")).isTrue();
            assertThat(cache.embedPassage("第一条 为了规范检察建议工作"))
                    .containsExactly(HashingModel.vectorOf("m|第一条 为了规范检察建议工作"));
            assertThat(cache.computed()).isZero();
        }
        assertThat(second.embedded).isEmpty();
    }

    @Test
    void queriesAreCachedApartFromPassagesOfTheSameText() {
        Path file = folder.resolve("vectors.bin");
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("m"), file)) {
            assertThat(cache.embedQuery("醉驾")).isNotEqualTo(cache.embedPassage("醉驾"));
        }
        HashingModel model = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(model, file)) {
            assertThat(cache.embedQuery("醉驾")).containsExactly(HashingModel.vectorOf("m|instruction|醉驾"));
            assertThat(cache.embedPassage("醉驾")).containsExactly(HashingModel.vectorOf("m|醉驾"));
        }
        assertThat(model.embedded).isEmpty();
    }

    @Test
    void aRecordTornByAKilledProcessIsCutOffAndWhatFollowsIsReadBackWhole() throws IOException {
        Path file = folder.resolve("vectors.bin");
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("m"), file)) {
            cache.embedPassage("甲");
            cache.embedPassage("乙");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 10);
        }

        HashingModel model = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(model, file)) {
            assertThat(cache.size()).isEqualTo(1);
            cache.embedPassage("乙");
            cache.embedPassage("丙");
        }
        assertThat(model.embedded).containsExactly("乙", "丙");

        HashingModel again = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(again, file)) {
            assertThat(cache.size()).isEqualTo(3);
            for (String text : List.of("甲", "乙", "丙")) {
                assertThat(cache.embedPassage(text)).containsExactly(HashingModel.vectorOf("m|" + text));
            }
        }
        assertThat(again.embedded).isEmpty();
    }

    @Test
    void bytesThatAreNotAUnitVectorEndWhatIsTrusted() throws IOException {
        Path file = folder.resolve("vectors.bin");
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("m"), file)) {
            cache.embedPassage("甲");
        }
        // A whole record's length of garbage, as a torn write followed by a later append would leave.
        ByteBuffer garbage = ByteBuffer.allocate(32 + 8 * 4);
        for (int i = 0; i < 8; i++) {
            garbage.putFloat(32 + 4 * i, 3f);
        }
        Files.write(file, garbage.array(), StandardOpenOption.APPEND);

        HashingModel model = new HashingModel("m");
        try (CachingEmbedder cache = CachingEmbedder.over(model, file)) {
            assertThat(cache.size()).isEqualTo(1);
            cache.embedPassage("乙");
        }
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("m"), file)) {
            assertThat(cache.size()).isEqualTo(2);
            assertThat(cache.embedPassage("乙")).containsExactly(HashingModel.vectorOf("m|乙"));
        }
    }

    @Test
    void aFileOfAnotherModelIsReplacedNotMixed() {
        Path file = folder.resolve("vectors.bin");
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("old"), file)) {
            cache.embedPassage("甲");
        }
        HashingModel model = new HashingModel("new");
        try (CachingEmbedder cache = CachingEmbedder.over(model, file)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.embedPassage("甲")).containsExactly(HashingModel.vectorOf("new|甲"));
        }
        assertThat(model.embedded).containsExactly("甲");
        try (CachingEmbedder cache = CachingEmbedder.over(new HashingModel("new"), file)) {
            assertThat(cache.size()).isEqualTo(1);
        }
    }
}
