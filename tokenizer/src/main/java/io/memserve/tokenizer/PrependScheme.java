package io.memserve.tokenizer;

import tools.jackson.databind.JsonNode;

/** When Metaspace puts a ▁ before text: always, only at the very start of the input, or never. */
enum PrependScheme {
    ALWAYS, FIRST, NEVER;

    /** Older files say {@code add_prefix_space} instead of {@code prepend_scheme}. */
    static PrependScheme fromJson(JsonNode node, String where) {
        String scheme = Json.optionalText(node, "prepend_scheme", where);
        if (scheme == null) {
            return Json.flag(node, "add_prefix_space", true, where) ? ALWAYS : NEVER;
        }
        return switch (scheme) {
            case "always" -> ALWAYS;
            case "first" -> FIRST;
            case "never" -> NEVER;
            default -> throw Json.error(where, "unknown prepend_scheme '" + scheme + "'");
        };
    }

    boolean prepends(boolean atStart) {
        return this == ALWAYS || (this == FIRST && atStart);
    }
}
