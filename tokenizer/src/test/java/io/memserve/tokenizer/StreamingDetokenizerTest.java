package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingDetokenizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"generated", "qwen3", "bytefallback", "metaspace"})
    void tokenByTokenGivesWhatDecodeGivesAndNeverABrokenCharacter(String name) {
        Tokenizer tokenizer = TestModels.byName(name);
        int heldBack = 0;
        for (String text : SampleTexts.MIXED) {
            int[] ids = tokenizer.encode(text);
            StreamingDetokenizer stream = tokenizer.streamingDetokenizer();
            StringBuilder streamed = new StringBuilder();
            for (int id : ids) {
                String piece = stream.push(id);
                assertWhole(piece, text);
                heldBack += piece.isEmpty() ? 1 : 0;
                streamed.append(piece);
            }
            streamed.append(stream.flush());
            assertEquals(tokenizer.decode(ids), streamed.toString(), name);
        }
        assertTrue(heldBack > 0, "some tokens end inside a character, so some pushes must hold text back");
    }

    @Test
    void anEmojiFedByteByByteComesOutWhole() {
        Tokenizer tokenizer = TestModels.generated();
        StreamingDetokenizer stream = tokenizer.streamingDetokenizer();
        byte[] bytes = "a👩🏽‍💻".getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            String piece = stream.push(byteToken(tokenizer, b));
            assertWhole(piece, "byte " + (b & 0xFF));
            out.append(piece);
        }
        assertEquals("a👩🏽‍💻", out.toString());
        assertEquals("", stream.flush());
    }

    @Test
    void bytesThatCanNeverCompleteBecomeReplacementCharactersOnlyWhenSettled() {
        Tokenizer tokenizer = TestModels.generated();
        StreamingDetokenizer stream = tokenizer.streamingDetokenizer();
        assertEquals("", stream.push(byteToken(tokenizer, (byte) 0xF0)));
        assertEquals("\uFFFDa", stream.push(byteToken(tokenizer, (byte) 'a')));
        assertEquals("", stream.push(byteToken(tokenizer, (byte) 0xE2)));
        assertEquals("\uFFFD", stream.flush());
    }

    @Test
    void specialTokensCanBeLeftOut() {
        Tokenizer tokenizer = TestModels.generated();
        int[] ids = tokenizer.encode("<|im_start|>assistant\nSure 😀<|im_end|>");
        StreamingDetokenizer stream = tokenizer.streamingDetokenizer(true);
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(stream.push(id));
        }
        out.append(stream.flush());
        assertEquals("assistant\nSure 😀", out.toString());
    }

    @Test
    void aLongGenerationStreamsCompletely() {
        Tokenizer tokenizer = TestModels.qwen3();
        String text = String.join(" ", SampleTexts.MIXED).repeat(20);
        int[] ids = tokenizer.encode(text);
        StreamingDetokenizer stream = tokenizer.streamingDetokenizer();
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            out.append(stream.push(id));
        }
        assertEquals(text, out.append(stream.flush()).toString());
    }

    private static int byteToken(Tokenizer tokenizer, byte b) {
        return tokenizer.idOf(String.valueOf(ByteLevelAlphabet.charOf(b & 0xFF))).orElseThrow();
    }

    private static void assertWhole(String piece, String context) {
        assertFalse(piece.contains("\uFFFD"), "replacement character emitted early: " + context);
        if (!piece.isEmpty()) {
            assertFalse(Character.isLowSurrogate(piece.charAt(0)), "starts inside a surrogate pair: " + context);
            assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "ends inside a surrogate pair: " + context);
        }
    }
}
