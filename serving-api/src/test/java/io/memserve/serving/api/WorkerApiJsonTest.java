package io.memserve.serving.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WorkerApiJsonTest {

    private final JsonMapper json = ServingJson.mapper();

    @Test
    void prefillRequestReadsTheDocumentedSnakeCaseBody() {
        String body = """
                {"request_id": "r-1", "prompt_token_ids": [1, 2, 3],
                 "sampling": {"temperature": 0.0, "top_p": 1.0, "top_k": 0, "seed": 123},
                 "decode_pool": "pool-d0", "cache": true}""";

        PrefillRequest request = json.readValue(body, PrefillRequest.class);

        assertEquals("r-1", request.requestId());
        assertArrayEquals(new int[] {1, 2, 3}, request.promptTokenIds());
        assertEquals(Sampling.greedy(123), request.sampling());
        assertEquals("pool-d0", request.decodePool());
        assertTrue(request.cache());
    }

    @Test
    void prefillResponseWritesTheDocumentedFieldNames() {
        String written = json.writeValueAsString(new PrefillResponse("r-1", 42, 3, 0, 0));

        assertEquals("{\"request_id\":\"r-1\",\"first_token\":42,\"prompt_tokens\":3,\"cached_tokens\":0,"
                + "\"handoff_blocks\":0}", written);
    }

    @Test
    void decodeRequestReadsEveryField() {
        String body = """
                {"request_id": "r-1", "prompt_token_ids": [5, 6], "first_token": 42,
                 "sampling": {"temperature": 0.7, "top_p": 0.9, "top_k": 40, "seed": 7}, "max_tokens": 16,
                 "stop_token_ids": [2], "ignore_eos": true, "prefill_pool": "pool-p0", "cache": false}""";

        DecodeRequest request = json.readValue(body, DecodeRequest.class);

        assertEquals(42, request.firstToken());
        assertEquals(new Sampling(0.7, 0.9, 40, 7L), request.sampling());
        assertEquals(16, request.maxTokens());
        assertArrayEquals(new int[] {2}, request.stopTokenIds());
        assertTrue(request.ignoreEos());
        assertEquals("pool-p0", request.prefillPool());
    }

    @Test
    void streamEventsAreToldApartByTheirFields() {
        assertEquals(new MetaEvent(30, 16),
                json.readValue("{\"prompt_tokens\": 30, \"cached_tokens\": 16}", WorkerEvent.class));
        assertEquals(new TokenEvent(17, 1), json.readValue("{\"token\": 17, \"index\": 1}", WorkerEvent.class));
        assertEquals(new FinishEvent(FinishReason.LENGTH, 16),
                json.readValue("{\"finish_reason\": \"length\", \"completion_tokens\": 16}", WorkerEvent.class));
    }

    @Test
    void streamEventsAreWrittenWithoutTypeTags() {
        assertEquals("{\"token\":17,\"index\":1}", json.writeValueAsString(new TokenEvent(17, 1)));
        assertEquals("{\"finish_reason\":\"stop\",\"completion_tokens\":3}",
                json.writeValueAsString(new FinishEvent(FinishReason.STOP, 3)));
        assertEquals("{\"prompt_tokens\":3,\"cached_tokens\":0}", json.writeValueAsString(new MetaEvent(3, 0)));
    }
}
