package io.memserve.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;

/** The tokenizers kept in test resources, loaded once per test JVM. */
final class TestModels {

    private static Tokenizer qwen3;
    private static Tokenizer generated;

    private TestModels() {
    }

    static Path resourceDir(String name) {
        URL url = TestModels.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource directory " + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real Qwen3 tokenizer, kept gzipped in resources and unpacked once into a temporary directory. */
    static synchronized Tokenizer qwen3() {
        if (qwen3 == null) {
            Path source = resourceDir("qwen3");
            try {
                Path dir = Files.createTempDirectory("qwen3-tokenizer");
                try (InputStream in = new GZIPInputStream(Files.newInputStream(source.resolve("tokenizer.json.gz")))) {
                    Files.copy(in, dir.resolve("tokenizer.json"));
                }
                Files.copy(source.resolve("tokenizer_config.json"), dir.resolve("tokenizer_config.json"),
                        StandardCopyOption.REPLACE_EXISTING);
                qwen3 = Tokenizer.load(dir);
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return qwen3;
    }

    /** The generated tokenizer committed in resources (vocabulary 2000, seed 1). */
    static synchronized Tokenizer generated() {
        if (generated == null) {
            generated = Tokenizer.load(resourceDir("generated"));
        }
        return generated;
    }

    static Tokenizer byName(String name) {
        return switch (name) {
            case "qwen3" -> qwen3();
            case "generated" -> generated();
            default -> Tokenizer.load(resourceDir(name));
        };
    }
}
