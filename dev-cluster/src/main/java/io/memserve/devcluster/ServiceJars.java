package io.memserve.devcluster;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the services' jars are: {@code <repo>/<module>/target/<module>.jar}, found from where this class was loaded
 * ({@code <repo>/dev-cluster/target/memserve-dev.jar}, or {@code <repo>/dev-cluster/target/classes} in tests).
 */
record ServiceJars(Path repository) {

    static ServiceJars besideThisJar() {
        try {
            Path location = Path.of(ServiceJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new ServiceJars(location.toAbsolutePath().getParent().getParent().getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot tell where memserve-dev.jar lies", e);
        }
    }

    Path jar(String module) {
        Path jar = repository.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        return jar;
    }
}
