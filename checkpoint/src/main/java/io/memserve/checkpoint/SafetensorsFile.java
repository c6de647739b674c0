package io.memserve.checkpoint;

import io.memserve.kvblock.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reads one {@code .safetensors} file: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the data. The file is mapped once; tensors are slices of that mapping. Every
 * claim of the header is checked against the file before a slice is made, so a corrupt file fails here with a message
 * naming the file and the fault, never later as garbage weights or a crash.
 */
final class SafetensorsFile {

    static final String METADATA = "__metadata__";
    static final long MAX_HEADER_BYTES = 100L << 20;

    private SafetensorsFile() {
    }

    /** The file's tensors in header order, their data valid while {@code arena} is open. */
    static Map<String, Tensor> map(Path file, Arena arena) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < Long.BYTES) {
                throw invalid(file, "is " + size + " bytes, too short for a safetensors header");
            }
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long headerLength = mapped.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - Long.BYTES) {
                throw invalid(file, "declares a header of " + headerLength + " bytes; the file is " + size
                        + " bytes and headers are at most " + MAX_HEADER_BYTES);
            }
            long dataStart = Long.BYTES + headerLength;
            MemorySegment data = mapped.asSlice(dataStart, size - dataStart);
            List<Entry> entries = parseHeader(file, mapped.asSlice(Long.BYTES, headerLength));
            checkLayout(file, entries, data.byteSize());
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) {
                tensors.put(e.name, new Tensor(e.name, e.dtype, e.shape, data.asSlice(e.begin, e.end - e.begin)));
            }
            return tensors;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Entry(String name, DType dtype, long[] shape, long begin, long end) {
    }

    private static List<Entry> parseHeader(Path file, MemorySegment header) {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(header.toArray(ValueLayout.JAVA_BYTE)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(file, "has a header that is not UTF-8");
        }
        JsonFields root = JsonFields.parse(json, file + " header");
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : root.node().properties()) {
            String name = property.getKey();
            if (name.equals(METADATA)) {
                checkMetadata(file, property.getValue());
                continue;
            }
            entries.add(entry(file, name, new JsonFields(property.getValue(), file + " tensor " + name)));
        }
        return entries;
    }

    private static void checkMetadata(Path file, JsonNode metadata) {
        if (!metadata.isObject()) {
            throw invalid(file, "has a " + METADATA + " that is not an object");
        }
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (!e.getValue().isString()) {
                throw invalid(file, "has " + METADATA + "." + e.getKey() + " that is not a string");
            }
        }
    }

    private static Entry entry(Path file, String name, JsonFields fields) {
        if (name.isEmpty()) {
            throw invalid(file, "has a tensor with an empty name");
        }
        String dtypeName = fields.requireString("dtype");
        DType dtype;
        try {
            dtype = DType.fromSafetensorsName(dtypeName);
        } catch (IllegalArgumentException e) {
            throw invalid(file, "tensor " + name + " has " + e.getMessage());
        }
        long[] shape = fields.requireNonNegativeLongs("shape", false);
        long[] offsets = fields.requireNonNegativeLongs("data_offsets", false);
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw invalid(file, "tensor " + name + " has data_offsets " + Arrays.toString(offsets)
                    + ", expected [begin, end] with begin <= end");
        }
        long bytes;
        try {
            bytes = Shapes.bytes(shape, dtype);
        } catch (IllegalArgumentException e) {
            throw invalid(file, "tensor " + name + ": " + e.getMessage());
        }
        if (offsets[1] - offsets[0] != bytes) {
            throw invalid(file, "tensor " + name + " of shape " + Arrays.toString(shape) + " " + dtype + " needs "
                    + bytes + " bytes but data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** The tensors must tile the data section exactly: inside it, no overlaps, no holes (as the format requires). */
    private static void checkLayout(Path file, List<Entry> entries, long dataBytes) {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long next = 0;
        for (Entry e : byOffset) {
            if (e.end > dataBytes) {
                throw invalid(file, "tensor " + e.name + " has data_offsets [" + e.begin + ", " + e.end
                        + "] past the end of the " + dataBytes + " data bytes (truncated file?)");
            }
            if (e.begin < next) {
                throw invalid(file, "tensor " + e.name + " overlaps the tensor before it at byte " + e.begin);
            }
            if (e.begin > next) {
                throw invalid(file, "has " + (e.begin - next) + " unused bytes before tensor " + e.name);
            }
            next = e.end;
        }
        if (next != dataBytes) {
            throw invalid(file, "has " + (dataBytes - next) + " bytes after its last tensor");
        }
    }

    private static IllegalArgumentException invalid(Path file, String what) {
        return new IllegalArgumentException(file + " " + what);
    }
}
