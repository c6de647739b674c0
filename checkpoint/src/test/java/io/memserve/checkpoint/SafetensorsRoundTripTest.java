package io.memserve.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    /** Values every dtype represents exactly, so what is read must equal what was written. */
    private static final float[] VALUES = {0f, 1f, -2f, 0.5f, -0.25f, 3f, 1.5f, -1024f, 0.125f, 6f, -7f, 96f};

    @ParameterizedTest
    @EnumSource(DType.class)
    void readsBackWhatWasWritten(DType dtype) {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter()
                .add("b.matrix", dtype, new long[] {3, 4}, VALUES)
                .add("a.vector", dtype, new long[] {3}, new float[] {1f, 2f, 3f})
                .add("c.empty", dtype, new long[] {0, 4}, new float[0])
                .write(file);
        try (Arena arena = Arena.ofShared()) {
            Map<String, Tensor> tensors = SafetensorsFile.map(file, arena);
            assertEquals(List.of("a.vector", "b.matrix", "c.empty"), List.copyOf(tensors.keySet()),
                    "header sorted by name");
            Tensor m = tensors.get("b.matrix");
            assertEquals(dtype, m.dtype());
            assertArrayEquals(new long[] {3, 4}, m.shape());
            assertEquals(12, m.elements());
            for (int i = 0; i < VALUES.length; i++) {
                assertEquals(VALUES[i], m.getFloat(i));
            }
            assertTrue(m.data().isReadOnly());
            assertEquals(0, tensors.get("c.empty").elements());
        }
    }

    @Test
    void headerFollowsTheStandardLayout() throws IOException {
        Path file = dir.resolve("w.safetensors");
        new SafetensorsWriter().add("x", DType.F16, new long[] {3}, new byte[] {1, 2, 3, 4, 5, 6}).write(file);
        byte[] bytes = Files.readAllBytes(file);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + headerLength) % 64, "data starts on a 64-byte boundary");
        assertEquals(8 + headerLength + 6, bytes.length);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).strip();
        assertEquals("{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"x\":{\"dtype\":\"F16\",\"shape\":[3],\"data_offsets\":[0,6]}}", header);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, Arrays.copyOfRange(bytes, bytes.length - 6, bytes.length));
    }

    @Test
    void roundsFloatsToTheNearestBf16AndF16() {
        float third = 1f / 3;
        Path file = dir.resolve("r.safetensors");
        new SafetensorsWriter()
                .add("bf", DType.BF16, new long[] {1}, new float[] {third})
                .add("h", DType.F16, new long[] {1}, new float[] {third})
                .write(file);
        try (Arena arena = Arena.ofShared()) {
            Map<String, Tensor> t = SafetensorsFile.map(file, arena);
            assertEquals(third, t.get("bf").getFloat(0), 1f / 512);
            assertEquals(third, t.get("h").getFloat(0), 1f / 4096);
        }
        MemorySegment nan = MemorySegment.ofArray(new short[1]);
        FloatCodec.write(nan, DType.BF16, 0, Float.NaN);
        assertTrue(Float.isNaN(FloatCodec.read(nan, DType.BF16, 0)));
    }

    @Test
    void refusesInconsistentTensors() {
        SafetensorsWriter w = new SafetensorsWriter().add("x", DType.F32, new long[] {2}, new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> w.add("x", DType.F32, new long[] {1}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> w.add("y", DType.F32, new long[] {2}, new float[] {1}));
        assertThrows(IllegalArgumentException.class, () -> w.add("y", DType.BF16, new long[] {2}, new byte[2]));
        assertThrows(IllegalArgumentException.class,
                () -> w.add("__metadata__", DType.F32, new long[] {1}, new float[] {1}));
    }
}
