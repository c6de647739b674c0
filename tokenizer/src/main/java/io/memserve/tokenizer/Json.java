package io.memserve.tokenizer;

import tools.jackson.databind.JsonNode;

/**
 * Reads fields of the Hugging Face JSON files, failing with the file and the place inside it when a field is missing
 * or of the wrong type, so a malformed model directory says what to fix.
 */
final class Json {

    private Json() {
    }

    static IllegalArgumentException error(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }

    static JsonNode required(JsonNode parent, String field, String where) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw error(where, "missing field '" + field + "'");
        }
        return value;
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode value = required(parent, field, where);
        if (!value.isString()) {
            throw error(where, "field '" + field + "' must be a string, found " + value.getNodeType());
        }
        return value.stringValue();
    }

    /** The string value, or null when the field is absent or JSON null. */
    static String optionalText(JsonNode parent, String field, String where) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw error(where, "field '" + field + "' must be a string, found " + value.getNodeType());
        }
        return value.stringValue();
    }

    static boolean flag(JsonNode parent, String field, boolean fallback, String where) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw error(where, "field '" + field + "' must be true or false, found " + value.getNodeType());
        }
        return value.booleanValue();
    }

    static int integer(JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw error(where, "expected a non-negative integer, found " + value);
        }
        return value.intValue();
    }

    static int integer(JsonNode parent, String field, String where) {
        return integer(required(parent, field, where), where + "." + field);
    }

    static JsonNode array(JsonNode parent, String field, String where) {
        JsonNode value = required(parent, field, where);
        if (!value.isArray()) {
            throw error(where, "field '" + field + "' must be an array, found " + value.getNodeType());
        }
        return value;
    }

    static String type(JsonNode component, String where) {
        if (!component.isObject()) {
            throw error(where, "expected an object, found " + component.getNodeType());
        }
        return text(component, "type", where);
    }
}
