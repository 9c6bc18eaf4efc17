package org.wenshu.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON for record.json, response.json and stored field values; canonical form for hashing. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static byte[] pretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    }

    static String compact(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Same value, same text: map keys sorted at every level. */
    static String canonical(Object value) {
        return MAPPER.writeValueAsString(sorted(value));
    }

    static Map<String, Object> readMap(String json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    static Map<String, Object> readMap(byte[] json) {
        return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new TreeMap<>();
            map.forEach((k, v) -> result.put(String.valueOf(k), sorted(v)));
            return result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(sorted(v)));
            return result;
        }
        return value;
    }
}
