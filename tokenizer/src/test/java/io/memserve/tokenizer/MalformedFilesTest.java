package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken model directories fail with an IllegalArgumentException that names the file and what is wrong. */
class MalformedFilesTest {

    private static final String VALID = """
            {"added_tokens": [{"id": 5, "content": "<s>", "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "use_regex": true},
             "decoder": {"type": "ByteLevel"},
             "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "c": 3, "abc": 4}, "merges": ["a b", ["ab", "c"]]}}
            """;

    @TempDir
    Path dir;

    private IllegalArgumentException failure(String tokenizerJson) throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson);
        return assertThrows(IllegalArgumentException.class, () -> Tokenizer.load(dir));
    }

    private static void assertMentions(IllegalArgumentException e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should mention '" + part + "'");
        }
    }

    @Test
    void theValidFixtureLoadsAndMergesInBothNotations() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), VALID);
        Tokenizer tokenizer = Tokenizer.load(dir);
        assertArrayEquals(new int[] {4, 5, 2}, tokenizer.encode("abc<s>ab"));
    }

    @Test
    void missingTokenizerJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.load(dir));
        assertMentions(e, dir.resolve("tokenizer.json").toString(), "no such file");
    }

    @Test
    void notJson() throws IOException {
        assertMentions(failure("{\"model\": "), "tokenizer.json", "not valid JSON");
    }

    @Test
    void unknownModelType() throws IOException {
        assertMentions(failure(VALID.replace("\"type\": \"BPE\"", "\"type\": \"WordPiece\"")),
                "tokenizer.json: model", "unsupported model type 'WordPiece'");
    }

    @Test
    void mergeOfATokenOutsideTheVocabulary() throws IOException {
        assertMentions(failure(VALID.replace("\"a b\"", "\"a z\"")), "model.merges[0]", "'z' is not in the vocabulary");
    }

    @Test
    void mergeThatIsNotTwoTokens() throws IOException {
        assertMentions(failure(VALID.replace("\"a b\"", "\"a b c\"")), "model.merges[0]", "two tokens");
    }

    @Test
    void idGivenTwice() throws IOException {
        assertMentions(failure(VALID.replace("\"c\": 3", "\"c\": 2")), "model.vocab", "id 2");
    }

    @Test
    void unsupportedPreTokenizer() throws IOException {
        assertMentions(failure(VALID.replace("\"type\": \"ByteLevel\", \"add_prefix_space\"", "\"type\": \"BertPreTokenizer\", \"x\"")),
                "pre_tokenizer", "unsupported pre_tokenizer type 'BertPreTokenizer'");
    }

    @Test
    void wrongFieldType() throws IOException {
        assertMentions(failure(VALID.replace("\"special\": true", "\"special\": \"yes\"")),
                "added_tokens[0]", "'special' must be true or false");
    }

    @Test
    void configNamingATokenTheVocabularyLacks() throws IOException {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<|nope|>\"}");
        assertMentions(failure(VALID), "tokenizer_config.json", "bos_token '<|nope|>' is not a token");
    }

    @Test
    void idsOutsideTheVocabularyCannotBeDecoded() throws IOException {
        Files.writeString(dir.resolve("tokenizer.json"), VALID);
        Tokenizer tokenizer = Tokenizer.load(dir);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> tokenizer.decode(new int[] {0, 6})), "token id 6");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> tokenizer.streamingDetokenizer().push(-1)),
                "token id -1");
    }
}
