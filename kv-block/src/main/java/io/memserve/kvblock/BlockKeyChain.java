package io.memserve.kvblock;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes block keys as a chain: the key of block i hashes the key of block i-1 and the block's 16 token ids; the
 * chain starts from a root that hashes the model id, the block layout and an optional tenant salt. A key therefore
 * names a whole prefix, not just 16 tokens, and blocks of different models, layouts or tenants never share a key.
 * Only full blocks have keys.
 */
public final class BlockKeyChain {

    private static final byte[] DOMAIN = "memserve-kv-block-v1".getBytes(StandardCharsets.UTF_8);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final BlockKey root;

    public BlockKeyChain(String modelId, BlockLayout layout, String tenantSalt) {
        if (modelId == null || modelId.isBlank()) {
            throw new IllegalArgumentException("model id is required");
        }
        MessageDigest digest = sha256();
        digest.update(DOMAIN);
        updateString(digest, modelId);
        updateString(digest, layout.id());
        updateString(digest, tenantSalt == null ? "" : tenantSalt);
        this.root = truncate(digest.digest());
    }

    public BlockKeyChain(String modelId, BlockLayout layout) {
        this(modelId, layout, null);
    }

    /** The parent of the first block. */
    public BlockKey root() {
        return root;
    }

    /** The key of the block holding {@code tokens[offset .. offset+16)}, chained after {@code parent}. */
    public BlockKey next(BlockKey parent, int[] tokens, int offset) {
        return new Hasher().next(parent, tokens, offset);
    }

    /** Keys of every full block of {@code tokens}, in order. */
    public BlockKey[] keys(int[] tokens) {
        return keys(tokens, tokens.length / BlockLayout.TOKENS_PER_BLOCK);
    }

    /** Keys of the first {@code blocks} full blocks of {@code tokens}. */
    public BlockKey[] keys(int[] tokens, int blocks) {
        if (blocks < 0 || (long) blocks * BlockLayout.TOKENS_PER_BLOCK > tokens.length) {
            throw new IllegalArgumentException(blocks + " blocks do not fit in " + tokens.length + " tokens");
        }
        BlockKey[] keys = new BlockKey[blocks];
        // One digest and one buffer for the whole chain: per block, looking SHA-256 up and allocating its input and
        // output cost about as much as hashing.
        Hasher hasher = new Hasher();
        BlockKey parent = root;
        for (int b = 0; b < blocks; b++) {
            parent = hasher.next(parent, tokens, b * BlockLayout.TOKENS_PER_BLOCK);
            keys[b] = parent;
        }
        return keys;
    }

    /** Hashes one block after another: a digest with its input and output buffers. */
    private static final class Hasher {

        private final MessageDigest digest = sha256();
        private final byte[] input = new byte[BlockKey.BYTES + Integer.BYTES * BlockLayout.TOKENS_PER_BLOCK];
        private final byte[] output = new byte[32];

        BlockKey next(BlockKey parent, int[] tokens, int offset) {
            if (offset < 0 || offset + BlockLayout.TOKENS_PER_BLOCK > tokens.length) {
                throw new IllegalArgumentException("a block needs " + BlockLayout.TOKENS_PER_BLOCK + " tokens from"
                        + " offset " + offset + ", the sequence has " + tokens.length);
            }
            LONG_BE.set(input, 0, parent.hi());
            LONG_BE.set(input, Long.BYTES, parent.lo());
            for (int i = 0; i < BlockLayout.TOKENS_PER_BLOCK; i++) {
                INT_BE.set(input, BlockKey.BYTES + i * Integer.BYTES, tokens[offset + i]);
            }
            digest.update(input);
            try {
                digest.digest(output, 0, output.length);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 writes 32 bytes", e);
            }
            return truncate(output);
        }
    }

    private static void updateString(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static BlockKey truncate(byte[] sha) {
        return new BlockKey((long) LONG_BE.get(sha, 0), (long) LONG_BE.get(sha, Long.BYTES));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
