package io.memserve.openai;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;

/** Reads the four shapes OpenAI accepts for {@code prompt} and refuses batches and mixed lists by name. */
final class PromptDeserializer extends ValueDeserializer<Prompt> {
    private static final String SHAPES = "'prompt' must be a string, a list of one string, a list of token ids, "
            + "or a list of one list of token ids";

    @Override
    public Prompt deserialize(JsonParser parser, DeserializationContext context) {
        JsonNode node = context.readTree(parser);
        if (node.isString()) {
            return Prompt.text(node.stringValue());
        }
        if (!node.isArray() || node.isEmpty()) {
            return context.reportInputMismatch(this, SHAPES + ".");
        }
        JsonNode first = node.get(0);
        if (node.size() == 1 && first.isString()) {
            return Prompt.text(first.stringValue());
        }
        if (node.size() == 1 && first.isArray()) {
            return Prompt.tokenIds(tokenIds(first, context));
        }
        if (first.isString() || first.isArray()) {
            return context.reportInputMismatch(this, SHAPES + "; batches of prompts are not supported.");
        }
        return Prompt.tokenIds(tokenIds(node, context));
    }

    private List<Integer> tokenIds(JsonNode array, DeserializationContext context) {
        List<Integer> ids = new ArrayList<>(array.size());
        for (JsonNode id : array) {
            if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                return context.reportInputMismatch(this, SHAPES + "; found " + id + " among token ids.");
            }
            ids.add(id.intValue());
        }
        if (ids.isEmpty()) {
            return context.reportInputMismatch(this, "'prompt' must hold at least one token id.");
        }
        return ids;
    }
}
