package io.memserve.bench.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StreamReaderTest {
    private static final String HEAD = "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,"
            + "\"model\":\"tiny\",\"choices\":[";

    private static String piece(String ids) {
        return HEAD + "{\"index\":0,\"text\":\"x\",\"finish_reason\":null,\"token_ids\":[" + ids + "]}]}";
    }

    private static final List<String> STREAM = List.of(
            HEAD + "{\"index\":0,\"text\":\"\",\"finish_reason\":null,\"prompt_token_ids\":[5,6,7],\"token_ids\":[]}]}",
            "",
            piece("40"),
            "",
            piece("41,42"),
            HEAD + "{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\",\"token_ids\":[]}]}",
            "data: {\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"created\":1,\"model\":\"tiny\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":3,\"total_tokens\":6,"
                    + "\"prompt_tokens_details\":{\"cached_tokens\":0}}}",
            "data: [DONE]");

    @Test
    void readsIdsUsageAndTimesEveryChunkWithTokens() {
        StreamReader reader = new StreamReader(System.nanoTime());
        boolean more = true;
        for (String line : STREAM) {
            more = reader.accept(line);
        }
        assertFalse(more);
        Exchange e = reader.finish(4, 2, new int[] {5, 6, 7});
        assertNull(e.error());
        assertEquals(4, e.session());
        assertEquals(2, e.turn());
        assertArrayEquals(new int[] {5, 6, 7}, e.promptIds());
        assertArrayEquals(new int[] {40, 41, 42}, e.answerIds());
        assertEquals(2, e.chunkMs().length);
        assertTrue(e.chunkMs()[0] <= e.chunkMs()[1] && e.chunkMs()[1] <= e.endMs());
        assertEquals(3, e.promptTokens());
        assertEquals(0, e.cachedTokens());
        assertEquals(3, e.completionTokens());
    }

    @Test
    void anErrorEventFailsTheRequest() {
        StreamReader reader = new StreamReader(System.nanoTime());
        reader.accept(STREAM.getFirst());
        assertFalse(reader.accept("data: {\"error\":{\"message\":\"worker lost\",\"type\":\"server_error\"}}"));
        Exchange e = reader.finish(0, 0, new int[] {5, 6, 7});
        assertEquals("error event: worker lost", e.error());
        assertFalse(e.ok());
    }

    @Test
    void aStreamCutBeforeDoneFailsTheRequest() {
        StreamReader reader = new StreamReader(System.nanoTime());
        STREAM.subList(0, 3).forEach(reader::accept);
        assertEquals("stream ended without [DONE]", reader.finish(0, 0, new int[] {1}).error());
    }

    @Test
    void aStreamWithoutUsageFailsTheRequest() {
        StreamReader reader = new StreamReader(System.nanoTime());
        STREAM.subList(0, 6).forEach(reader::accept);
        reader.accept("data: [DONE]");
        assertTrue(reader.finish(0, 0, new int[] {1}).error().startsWith("no usage chunk"));
    }
}
