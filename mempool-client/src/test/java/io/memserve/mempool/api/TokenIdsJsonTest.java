package io.memserve.mempool.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class TokenIdsJsonTest {

    private static final int[] TOKENS = {0, 1, 255, 256, 65_535, 151_935, Integer.MAX_VALUE};
    /** {@code TOKENS} as little-endian 32-bit integers in base64, computed outside Java. */
    private static final String BASE64 = "AAAAAAEAAAD/AAAAAAEAAP//AAB/UQIA////fw==";

    private static MatchRequest request(int[] tokens) {
        return new MatchRequest("m", "L1-H1-D8-F32-T16", tokens, null, null, false, 0);
    }

    @Test
    void bytesAndCharactersCarryTheSameBase64AndReadBackTheSameIds() {
        String asString = MemPoolJson.mapper().writeValueAsString(request(TOKENS));
        String asBytes = new String(MemPoolJson.mapper().writeValueAsBytes(request(TOKENS)), StandardCharsets.UTF_8);
        assertEquals(asString, asBytes);
        assertTrue(asString.contains("\"tokens\":\"" + BASE64 + "\""), asString);
        String unpadded = asString.replace("==\"", "\"");
        String array = asString.replace('"' + BASE64 + '"', "[0,1,255,256,65535,151935,2147483647]");
        for (String json : List.of(asString, unpadded, array)) {
            assertArrayEquals(TOKENS, MemPoolJson.mapper().readValue(json, MatchRequest.class).tokens(), json);
        }
    }

    @Test
    void base64ThatIsNotWholeIdsIsRefused() {
        for (String tokens : List.of("\"not base64!\"", "\"AAAAAAAA\"", "\"AAAA\"")) {
            String json = "{\"model\":\"m\",\"layout\":\"L1-H1-D8-F32-T16\",\"tokens\":" + tokens + "}";
            assertThrows(JacksonException.class, () -> MemPoolJson.mapper().readValue(json, MatchRequest.class),
                    tokens);
        }
    }
}
