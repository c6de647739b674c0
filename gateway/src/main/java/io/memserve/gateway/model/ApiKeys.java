package io.memserve.gateway.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API keys the gateway accepts, held only as SHA-256 digests. A presented key is digested and compared with every
 * known digest in constant time, so neither its length nor how much of it matched shows in the time taken. A matched
 * key is known by its id, a prefix of its digest: that id, never the key, keys the rate limit and goes upstream.
 */
public final class ApiKeys {

    private static final int ID_BYTES = 8;

    private final List<byte[]> digests;

    public ApiKeys(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is required");
        }
        this.digests = keys.stream().map(ApiKeys::sha256).toList();
    }

    /** The id of the presented key, or empty when it is not one of ours. */
    public Optional<String> identify(String presented) {
        byte[] digest = sha256(presented);
        boolean known = false;
        for (byte[] candidate : digests) {
            known |= MessageDigest.isEqual(candidate, digest);
        }
        return known ? Optional.of(HexFormat.of().formatHex(digest, 0, ID_BYTES)) : Optional.empty();
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }
}
