package io.memserve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every corruption is refused at open with a message naming the file and the fault. */
class CorruptSafetensorsTest {

    @TempDir
    Path dir;

    private static final String TWO_VECTORS = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";

    @Test
    void wellFormedReferenceFileOpens() throws IOException {
        try (Arena arena = Arena.ofShared()) {
            assertTrue(SafetensorsFile.map(file(TWO_VECTORS, 16), arena).containsKey("b"));
        }
    }

    @Test
    void truncatedData() throws IOException {
        Path written = dir.resolve("full.safetensors");
        new SafetensorsWriter().add("w", DType.BF16, new long[] {4, 4}, new byte[32]).write(written);
        byte[] bytes = Files.readAllBytes(written);
        Path truncated = Files.write(dir.resolve("cut.safetensors"), Arrays.copyOf(bytes, bytes.length - 1));
        assertRefused(truncated, "past the end");
    }

    @Test
    void tooShortForAHeaderLength() throws IOException {
        assertRefused(Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3}), "too short");
        assertRefused(Files.write(dir.resolve("empty.safetensors"), new byte[0]), "too short");
    }

    @Test
    void absurdHeaderLength() throws IOException {
        assertRefused(raw(Long.MAX_VALUE, "{}"), "header of");
        assertRefused(raw(-8, "{}"), "header of");
        assertRefused(raw(1000, "{}"), "header of");
    }

    @Test
    void offsetsOutOfRange() throws IOException {
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[4096,4104]"), 16), "past the end");
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[16,8]"), 16), "begin <= end");
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[-8,0]"), 16), "non-negative");
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[8]"), 16), "data_offsets");
    }

    @Test
    void offsetsThatDisagreeWithShapeOrOverlapOrLeaveHoles() throws IOException {
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[8,12]"), 16), "needs 8 bytes");
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[4,12]"), 16), "overlaps");
        assertRefused(file(TWO_VECTORS.replace("[8,16]", "[12,20]"), 20), "unused bytes");
        assertRefused(file(TWO_VECTORS, 24), "after its last tensor");
        assertRefused(file(TWO_VECTORS.replace("\"shape\":[2],\"data_offsets\":[8,16]",
                "\"shape\":[4611686018427387904,4],\"data_offsets\":[8,16]"), 16), "too many");
    }

    @Test
    void badDtypeOrShape() throws IOException {
        assertRefused(file(TWO_VECTORS.replace("\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8",
                "\"dtype\":\"Q4_K\",\"shape\":[2],\"data_offsets\":[8"), 16), "Q4_K");
        assertRefused(file(TWO_VECTORS.replace("[2],\"data_offsets\":[8", "[-2],\"data_offsets\":[8"), 16),
                "shape");
        assertRefused(file(TWO_VECTORS.replace("[2],\"data_offsets\":[8", "\"2\",\"data_offsets\":[8"), 16),
                "shape");
        assertRefused(file(TWO_VECTORS.replace(",\"data_offsets\":[8,16]", ""), 16), "data_offsets");
    }

    @Test
    void headerThatIsNotASafetensorsJsonObject() throws IOException {
        assertRefused(file("[1,2,3]", 0), "JSON object");
        assertRefused(file("{\"a\":", 0), "not valid JSON");
        assertRefused(file(TWO_VECTORS.replace("\"b\"", "\"a\""), 16), "not valid JSON");
        assertRefused(file("{\"__metadata__\":{\"format\":1}}", 0), "__metadata__");
        byte[] latin1 = "{\"\u00e9\":{}}".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(raw(latin1.length, latin1), "UTF-8");
    }

    private Path file(String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(h, h.length + dataBytes);
        return raw(h.length, all);
    }

    private Path raw(long declaredHeaderLength, String body) throws IOException {
        return raw(declaredHeaderLength, body.getBytes(StandardCharsets.UTF_8));
    }

    private Path raw(long declaredHeaderLength, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredHeaderLength).put(body);
        return Files.write(Files.createTempFile(dir, "bad", ".safetensors"), b.array());
    }

    private static void assertRefused(Path file, String fault) {
        try (Arena arena = Arena.ofShared()) {
            var e = assertThrows(IllegalArgumentException.class, () -> SafetensorsFile.map(file, arena));
            assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains(fault), "says " + fault + ": " + e.getMessage());
        }
    }
}
