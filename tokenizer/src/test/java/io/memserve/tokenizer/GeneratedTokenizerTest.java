package io.memserve.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedTokenizerTest {

    @Test
    void theSameSizeAndSeedWriteTheCommittedBytes(@TempDir Path dir) throws IOException {
        GeneratedTokenizer.write(dir, 2000, 1);
        Path committed = TestModels.resourceDir("generated");
        for (String file : new String[] {"tokenizer.json", "tokenizer_config.json"}) {
            assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(dir.resolve(file)), file);
        }
    }

    @Test
    void anotherSeedLearnsOtherMerges(@TempDir Path dir) throws IOException {
        GeneratedTokenizer.write(dir, 2000, 2);
        assertFalse(Arrays.equals(Files.readAllBytes(TestModels.resourceDir("generated").resolve("tokenizer.json")),
                Files.readAllBytes(dir.resolve("tokenizer.json"))));
    }

    @Test
    void infoNamesTheIdsTheLoadedTokenizerUses(@TempDir Path dir) {
        GeneratedTokenizer.Info info = GeneratedTokenizer.write(dir, 512, 7);
        Tokenizer tokenizer = Tokenizer.load(dir);
        assertEquals(new GeneratedTokenizer.Info(512, 507, 510, 511), info);
        assertEquals(512, tokenizer.vocabSize());
        assertEquals(info.bosId(), tokenizer.bosId().getAsInt());
        assertArrayEquals(new int[] {info.eosId()}, tokenizer.eosIds());
        assertEquals(info.padId(), tokenizer.idOf(GeneratedTokenizer.PAD).getAsInt());
        assertEquals(info.bosId(), tokenizer.encodeWithSpecialTokens("Hi")[0]);
        assertEquals(tokenizer.encode("Hi").length + 1, tokenizer.encodeWithSpecialTokens("Hi").length);
    }

    @Test
    void everySizeFromTheSmallestToLlamaScaleHasExactlyThatManyDistinctTokens(@TempDir Path dir) throws IOException {
        for (int size : new int[] {300, 32_000}) {
            Path sized = dir.resolve(String.valueOf(size));
            GeneratedTokenizer.write(sized, size, 42);
            Tokenizer tokenizer = Tokenizer.load(sized);
            assertEquals(size, tokenizer.vocabSize());
            Set<String> texts = new HashSet<>();
            for (int id = 0; id < size; id++) {
                texts.add(tokenizer.tokenText(id));
            }
            assertEquals(size, texts.size(), "every id has its own token");
            for (String text : SampleTexts.MIXED) {
                assertEquals(text, tokenizer.decode(tokenizer.encode(text)));
            }
        }
    }

    @Test
    void mergesLearnedFromTheTextShortenCommonWords() {
        Tokenizer tokenizer = TestModels.generated();
        String english = "The market opened at six o'clock and the boats came back before sunrise.";
        assertTrue(tokenizer.encode(english).length < english.length() / 2, "trained merges must compress English text");
    }

    @Test
    void aVocabularyTooSmallForBytesAndSpecialTokensIsRefused(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneratedTokenizer.write(dir, 261, 1));
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }
}
