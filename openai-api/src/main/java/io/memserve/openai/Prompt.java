package io.memserve.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonValue;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * The {@code prompt} of a text completion: text (a string, or a list holding one string) or token ids (a list of
 * integers, or a list holding one such list). Batches of prompts are not supported.
 */
@JsonDeserialize(using = PromptDeserializer.class)
public sealed interface Prompt {

    record Text(@JsonValue String text) implements Prompt {
    }

    record TokenIds(@JsonValue List<Integer> ids) implements Prompt {
        public TokenIds {
            ids = List.copyOf(ids);
        }
    }

    static Prompt text(String text) {
        return new Text(text);
    }

    static Prompt tokenIds(List<Integer> ids) {
        return new TokenIds(ids);
    }
}
