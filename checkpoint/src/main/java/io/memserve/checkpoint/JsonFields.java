package io.memserve.checkpoint;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Typed access to the fields of a JSON object that names the file and the field in every error, so a bad model
 * directory is reported as "config.json: hidden_size must be an integer" instead of a parser stack trace.
 */
final class JsonFields {

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode node;
    private final String where;

    JsonFields(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(where + ": expected a JSON object");
        }
        this.node = node;
        this.where = where;
    }

    static JsonFields parse(String json, String where) {
        try {
            return new JsonFields(MAPPER.readTree(json), where);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    String where() {
        return where;
    }

    JsonNode node() {
        return node;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonFields object(String field) {
        return new JsonFields(require(field), where + "." + field);
    }

    int requireInt(String field) {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(field, "must be an integer, got " + v);
        }
        return v.intValue();
    }

    Integer optInt(String field) {
        return has(field) ? requireInt(field) : null;
    }

    long requireLong(String field) {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "must be an integer, got " + v);
        }
        return v.longValue();
    }

    double requireDouble(String field) {
        JsonNode v = require(field);
        if (!v.isNumber()) {
            throw error(field, "must be a number, got " + v);
        }
        return v.doubleValue();
    }

    double optDouble(String field, double fallback) {
        return has(field) ? requireDouble(field) : fallback;
    }

    boolean optBoolean(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode v = node.get(field);
        if (!v.isBoolean()) {
            throw error(field, "must be true or false, got " + v);
        }
        return v.booleanValue();
    }

    String requireString(String field) {
        JsonNode v = require(field);
        if (!v.isString()) {
            throw error(field, "must be a string, got " + v);
        }
        return v.stringValue();
    }

    String optString(String field) {
        return has(field) ? requireString(field) : null;
    }

    List<String> requireStrings(String field) {
        JsonNode v = require(field);
        if (!v.isArray()) {
            throw error(field, "must be a list of strings, got " + v);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw error(field, "must be a list of strings, got " + v);
            }
            out.add(e.stringValue());
        }
        return out;
    }

    /** Non-negative integers; {@code int} or {@code [int, ...]} when {@code scalarAllowed}. */
    long[] requireNonNegativeLongs(String field, boolean scalarAllowed) {
        JsonNode v = require(field);
        if (scalarAllowed && v.isNumber()) {
            return new long[] {nonNegative(field, v)};
        }
        if (!v.isArray()) {
            throw error(field, "must be a list of non-negative integers, got " + v);
        }
        long[] out = new long[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNegative(field, v.get(i));
        }
        return out;
    }

    private long nonNegative(String field, JsonNode v) {
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            throw error(field, "must hold non-negative integers, got " + v);
        }
        return v.longValue();
    }

    private JsonNode require(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing required field " + field);
        }
        return v;
    }

    IllegalArgumentException error(String field, String what) {
        return new IllegalArgumentException(where + ": " + field + " " + what);
    }
}
