package io.memserve.devcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedModelTest {

    @TempDir
    Path cache;

    @Test
    void presetIsGeneratedOnceAndReused() throws Exception {
        ServedModel first = ServedModel.resolve("tiny", 7, cache);
        assertEquals("tiny", first.name());
        assertEquals(cache.resolve("tiny-seed7"), first.directory());
        assertTrue(Files.isRegularFile(first.directory().resolve("model.safetensors")));
        FileTime written = Files.getLastModifiedTime(first.directory().resolve("config.json"));

        ServedModel again = ServedModel.resolve("tiny", 7, cache);
        assertEquals(first, again);
        assertEquals(written, Files.getLastModifiedTime(again.directory().resolve("config.json")));
        try (var entries = Files.list(cache)) {
            assertEquals(1, entries.count(), "no scratch directory is left behind");
        }
    }

    @Test
    void directoryIsServedUnderItsName() {
        Path dir = ServedModel.resolve("tiny", 0, cache).directory();
        ServedModel model = ServedModel.resolve(dir.toString(), 0, cache);
        assertEquals(dir, model.directory());
        assertEquals("tiny-seed0", model.name());
    }

    @Test
    void neitherPresetNorModelDirectoryIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServedModel.resolve(cache.toString(), 0, cache));
        assertTrue(e.getMessage().contains("neither a preset"), e.getMessage());
    }
}
