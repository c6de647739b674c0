package io.memserve.mempool.service.pool;

import io.memserve.kvblock.BlockKeyChain;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.service.model.MemPoolException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The key chain of each (model, layout) a pool has seen, and the validation of what requests name. */
public final class KeyChains {

    /** Longest token sequence a request may carry. */
    public static final int MAX_TOKENS = 1 << 20;

    private record ChainId(String model, BlockLayout layout) {
    }

    private final Map<ChainId, BlockKeyChain> chains = new ConcurrentHashMap<>();

    public BlockKeyChain chain(String model, BlockLayout layout) {
        return chains.computeIfAbsent(new ChainId(model, layout), id -> new BlockKeyChain(id.model(), id.layout()));
    }

    public static BlockLayout layout(String id) {
        try {
            return BlockLayout.parse(id);
        } catch (IllegalArgumentException e) {
            throw MemPoolException.badRequest("invalid_layout", "not a block layout id (e.g. L32-H8-D128-BF16-T16): "
                    + id);
        }
    }

    public static int[] tokens(int[] tokens) {
        if (tokens.length > MAX_TOKENS) {
            throw MemPoolException.badRequest("too_many_tokens", tokens.length + " tokens; at most " + MAX_TOKENS);
        }
        for (int t : tokens) {
            if (t < 0) {
                throw MemPoolException.badRequest("invalid_token", "token ids are not negative: " + t);
            }
        }
        return tokens;
    }
}
