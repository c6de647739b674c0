package io.memserve.devcluster;

import tools.jackson.databind.JsonNode;

/** Reads fields the API promises; a missing one fails with the whole document, so the failure shows what came. */
final class Json {

    private Json() {
    }

    /** The node at {@code pointer} (e.g. {@code /choices/0/text}). */
    static JsonNode at(JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError(pointer + " is missing in " + root);
        }
        return node;
    }

    static String text(JsonNode root, String pointer) {
        JsonNode node = at(root, pointer);
        if (!node.isString()) {
            throw new AssertionError(pointer + " is not a string in " + root);
        }
        return node.asString();
    }

    static int integer(JsonNode root, String pointer) {
        JsonNode node = at(root, pointer);
        if (!node.isIntegralNumber()) {
            throw new AssertionError(pointer + " is not an integer in " + root);
        }
        return node.asInt();
    }
}
