package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks a streamed answer is OpenAI's SSE: only {@code data: {json}} events, {@code data: [DONE]} last. */
final class SseEvents {

    private static final String DATA = "data: ";
    private static final String DONE = "[DONE]";

    private SseEvents() {
    }

    /** The JSON events before {@code [DONE]}, after asserting the stream's shape line by line. */
    static List<JsonNode> parse(List<String> lines) {
        List<String> payloads = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            assertTrue(line.startsWith(DATA), () -> "not a 'data: ' event line: " + line);
            payloads.add(line.substring(DATA.length()));
        }
        assertTrue(payloads.size() >= 2, () -> "a stream needs at least one event before [DONE]: " + lines);
        assertEquals(DONE, payloads.getLast(), "the last event is data: [DONE]");
        List<JsonNode> events = new ArrayList<>();
        for (String payload : payloads.subList(0, payloads.size() - 1)) {
            assertTrue(!payload.equals(DONE), "[DONE] comes only once, last");
            JsonNode event = HttpResult.JSON.readTree(payload);
            assertTrue(event.isObject(), () -> "event is not a JSON object: " + payload);
            events.add(event);
        }
        return events;
    }
}
