import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the per-request table of a Gatling run (its {@code js/stats.js}): count, errors, p50, p99 and max in ms,
 * and requests per second; the warm-up group is one row of its own. Run as a single-file program: {@code java GatlingSummary.java stats.js}.
 * (A tiny JSON reader of its own: this runs before any build, with the JDK alone.)
 */
public class GatlingSummary {

    public static void main(String[] args) throws Exception {
        // js/stats.js: "var stats = {...}" with JavaScript-style (unquoted) keys.
        String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Object root = new Reader(text.substring(text.indexOf('{'))).value();
        List<Map<?, ?>> rows = new ArrayList<>();
        collect((Map<?, ?>) root, rows);
        System.out.printf("%-44s %8s %6s %8s %8s %8s %8s%n", "request", "count", "errors", "p50 ms", "p99 ms", "max ms", "req/s");
        for (Map<?, ?> stats : rows) {
            Map<?, ?> n = (Map<?, ?>) stats.get("numberOfRequests");
            System.out.printf("%s %8s %6s %8s %8s %8s %8s%n", pad(String.valueOf(stats.get("name"))),
                    total(n), ((Map<?, ?>) n).get("ko"), total(stats.get("percentiles1")), total(stats.get("percentiles4")),
                    total(stats.get("maxResponseTime")), total(stats.get("meanNumberOfRequestsPerSecond")));
        }
    }

    private static String pad(String name) {
        // CJK characters take two columns in a terminal.
        int extra = (int) name.codePoints().filter(c -> c >= 0x2E80).count();
        return name + " ".repeat(Math.max(0, 44 - name.length() - extra));
    }

    private static Object total(Object node) {
        return node instanceof Map<?, ?> m ? m.get("total") : node;
    }

    private static void collect(Map<?, ?> node, List<Map<?, ?>> rows) {
        if (node.get("stats") instanceof Map<?, ?> stats) {
            rows.add(stats);
            // The warm-up (WebSimulation's group "warm-up") is one row, all its requests together: never measured.
            if ("GROUP".equals(node.get("type")) && "warm-up".equals(stats.get("name"))) {
                return;
            }
        }
        if (node.get("contents") instanceof Map<?, ?> contents) {
            for (Object child : contents.values()) {
                collect((Map<?, ?>) child, rows);
            }
        }
    }

    /** A minimal JSON reader: objects, arrays, strings, numbers, true/false/null. */
    static final class Reader {
        private final String s;
        private int i;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> map = new LinkedHashMap<>();
                i++;
                skip();
                if (s.charAt(i) == '}') {
                    i++;
                    return map;
                }
                while (true) {
                    skip();
                    String key = s.charAt(i) == '"' ? string() : identifier();
                    skip();
                    i++; // ':'
                    map.put(key, value());
                    skip();
                    if (s.charAt(i++) == '}') {
                        return map;
                    }
                }
            }
            if (c == '[') {
                List<Object> list = new ArrayList<>();
                i++;
                skip();
                if (s.charAt(i) == ']') {
                    i++;
                    return list;
                }
                while (true) {
                    list.add(value());
                    skip();
                    if (s.charAt(i++) == ']') {
                        return list;
                    }
                }
            }
            if (c == '"') {
                return string();
            }
            int start = i;
            while (i < s.length() && ",}] \n\r\t".indexOf(s.charAt(i)) < 0) {
                i++;
            }
            return s.substring(start, i);
        }

        private String identifier() {
            int start = i;
            while (s.charAt(i) != ':' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            return s.substring(start, i);
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            i++; // opening quote
            while (s.charAt(i) != '"') {
                char c = s.charAt(i++);
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'u' -> {
                            out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        case 'n' -> out.append('\n');
                        case 't' -> out.append('\t');
                        default -> out.append(e);
                    }
                } else {
                    out.append(c);
                }
            }
            i++;
            return out.toString();
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
