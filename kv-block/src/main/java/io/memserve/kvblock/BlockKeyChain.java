package io.memserve.kvblock;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Computes block keys as a chain: the key of block i hashes the key of block i-1 and the block's 16 token ids; the
 * chain starts from a root that hashes the model id, the block layout and an optional tenant salt. A key therefore
 * names a whole prefix, not just 16 tokens, and blocks of different models, layouts or tenants never share a key.
 * Only full blocks have keys.
 */
public final class BlockKeyChain {

    private static final byte[] DOMAIN = "memserve-kv-block-v1".getBytes(StandardCharsets.UTF_8);

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
        return next(sha256(), parent, tokens, offset);
    }

    private static BlockKey next(MessageDigest digest, BlockKey parent, int[] tokens, int offset) {
        if (offset < 0 || offset + BlockLayout.TOKENS_PER_BLOCK > tokens.length) {
            throw new IllegalArgumentException("a block needs " + BlockLayout.TOKENS_PER_BLOCK + " tokens from offset "
                    + offset + ", the sequence has " + tokens.length);
        }
        ByteBuffer buf = ByteBuffer.allocate(BlockKey.BYTES + 4 * BlockLayout.TOKENS_PER_BLOCK);
        buf.putLong(parent.hi()).putLong(parent.lo());
        for (int i = 0; i < BlockLayout.TOKENS_PER_BLOCK; i++) {
            buf.putInt(tokens[offset + i]);
        }
        return truncate(digest.digest(buf.array()));
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
        // One digest for the whole chain: looking SHA-256 up per block cost more than hashing a 4096-token prompt.
        MessageDigest digest = sha256();
        BlockKey parent = root;
        for (int b = 0; b < blocks; b++) {
            parent = next(digest, parent, tokens, b * BlockLayout.TOKENS_PER_BLOCK);
            keys[b] = parent;
        }
        return keys;
    }

    private static void updateString(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static BlockKey truncate(byte[] sha) {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOf(sha, BlockKey.BYTES));
        return new BlockKey(b.getLong(), b.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
