package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decoding what was encoded gives the text back, for every script, emoji sequence and whitespace run. */
class RoundTripTest {

    @ParameterizedTest
    @ValueSource(strings = {"generated", "qwen3", "bytefallback"})
    void decodeOfEncodeIsTheInput(String name) {
        Tokenizer tokenizer = TestModels.byName(name);
        for (String text : SampleTexts.MIXED) {
            assertEquals(text, tokenizer.decode(tokenizer.encode(text)), name);
        }
        String all = String.join("\n", SampleTexts.MIXED);
        assertEquals(all, tokenizer.decode(tokenizer.encode(all)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"generated", "qwen3"})
    void specialTokensInTextSurviveAndCanBeSkipped(String name) {
        Tokenizer tokenizer = TestModels.byName(name);
        String text = "<|im_start|>user\nHi 😀<|im_end|>\n";
        int[] ids = tokenizer.encode(text);
        assertEquals(text, tokenizer.decode(ids));
        assertEquals("user\nHi 😀\n", tokenizer.decode(ids, true));
    }
}
