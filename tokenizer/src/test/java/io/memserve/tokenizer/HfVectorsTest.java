package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Our encoder and decoder against Hugging Face tokenizers on a few hundred varied strings: the expected ids and texts
 * were written by {@code reference/encode_vectors.py} with tokenizers 0.23.
 */
class HfVectorsTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"qwen3", "generated", "bytefallback", "metaspace", "gpt2style"})
    void encodesAndDecodesLikeHuggingFace(String name) throws IOException {
        Map<Integer, String> strings = strings();
        List<JsonNode> vectors = vectors();
        Tokenizer tokenizer = TestModels.byName(name);
        List<String> mismatches = new ArrayList<>();
        for (JsonNode vector : vectors) {
            int i = vector.get("i").intValue();
            String text = strings.get(i);
            JsonNode expected = vector.get(name);
            int[] ids = tokenizer.encode(text);
            check(mismatches, i, text, "ids", ids(expected.get("ids")), ids);
            check(mismatches, i, text, "with special tokens", ids(expected.get("with_special")),
                    tokenizer.encodeWithSpecialTokens(text));
            String decoded = tokenizer.decode(ids(expected.get("ids")));
            if (!decoded.equals(expected.get("decoded").stringValue())) {
                mismatches.add("#" + i + " decode: expected " + expected.get("decoded") + " got " + JSON.writeValueAsString(decoded));
            }
        }
        assertEquals(strings.size(), vectors.size(), "one vector per string");
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches for " + name + ", first ones:\n"
                + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
    }

    private static void check(List<String> mismatches, int i, String text, String what, int[] expected, int[] actual) {
        if (!Arrays.equals(expected, actual)) {
            mismatches.add("#" + i + " " + what + " of " + JSON.writeValueAsString(text) + ": expected "
                    + Arrays.toString(expected) + " got " + Arrays.toString(actual));
        }
    }

    private static int[] ids(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = array.get(k).intValue();
        }
        return ids;
    }

    private static Map<Integer, String> strings() throws IOException {
        Map<Integer, String> strings = new HashMap<>();
        for (String line : lines(TestModels.resourceDir("vectors").resolve("strings.jsonl"))) {
            JsonNode entry = JSON.readTree(line);
            strings.put(entry.get("i").intValue(), entry.get("text").stringValue());
        }
        return strings;
    }

    private static List<JsonNode> vectors() throws IOException {
        Path file = TestModels.resourceDir("vectors").resolve("expected.jsonl");
        if (!Files.isRegularFile(file)) {
            fail("Hugging Face vectors are missing: run `python3 reference/encode_vectors.py` in tokenizer/ "
                    + "(python3 with tokenizers 0.23) to write " + file.getFileName());
        }
        List<JsonNode> vectors = new ArrayList<>();
        for (String line : lines(file)) {
            JsonNode entry = JSON.readTree(line);
            if (entry.has("i")) {
                vectors.add(entry);
            }
        }
        return vectors;
    }

    /** Lines split on \n only: the texts hold U+2028 and other characters some readers take for line ends. */
    private static List<String> lines(Path file) throws IOException {
        return Arrays.stream(Files.readString(file, StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
