package io.memserve.tokenizer;

import tools.jackson.databind.JsonNode;

/**
 * TemplateProcessing's "single" template, e.g. {@code <|begin_of_text|> $A}: special token ids around the sequence.
 * Pair templates are not needed for generation and are not read.
 */
final class TemplateProcessing implements PostProcessor {

    private final int[] before;
    private final int[] after;

    private TemplateProcessing(int[] before, int[] after) {
        this.before = before;
        this.after = after;
    }

    static TemplateProcessing fromJson(JsonNode node, String where) {
        JsonNode single = Json.array(node, "single", where);
        JsonNode specials = Json.required(node, "special_tokens", where);
        IntList before = new IntList(2);
        IntList after = new IntList(2);
        boolean seenSequence = false;
        for (int i = 0; i < single.size(); i++) {
            JsonNode piece = single.get(i);
            String at = where + ".single[" + i + "]";
            if (piece.has("Sequence")) {
                if (seenSequence) {
                    throw Json.error(at, "the single template names the sequence twice");
                }
                seenSequence = true;
            } else if (piece.has("SpecialToken")) {
                String name = Json.text(piece.get("SpecialToken"), "id", at);
                JsonNode special = specials.get(name);
                if (special == null) {
                    throw Json.error(at, "special token '" + name + "' is not listed in special_tokens");
                }
                JsonNode ids = Json.array(special, "ids", where + ".special_tokens." + name);
                for (JsonNode id : ids) {
                    (seenSequence ? after : before).add(Json.integer(id, where + ".special_tokens." + name));
                }
            } else {
                throw Json.error(at, "expected Sequence or SpecialToken");
            }
        }
        if (!seenSequence) {
            throw Json.error(where, "the single template never names the sequence ($A)");
        }
        return new TemplateProcessing(before.toArray(), after.toArray());
    }

    @Override
    public int[] addSpecialTokens(int[] ids) {
        int[] out = new int[before.length + ids.length + after.length];
        System.arraycopy(before, 0, out, 0, before.length);
        System.arraycopy(ids, 0, out, before.length, ids.length);
        System.arraycopy(after, 0, out, before.length + ids.length, after.length);
        return out;
    }
}
