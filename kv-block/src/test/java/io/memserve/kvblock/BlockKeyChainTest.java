package io.memserve.kvblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockKeyChainTest {

    private static final BlockLayout LAYOUT = new BlockLayout(4, 2, 32, DType.F32);

    private static int[] tokens(int n, int seed) {
        return IntStream.range(0, n).map(i -> (i * 31 + seed) % 1000).toArray();
    }

    @Test
    void onlyFullBlocksHaveKeysAndEqualPrefixesGiveEqualKeys() {
        BlockKeyChain chain = new BlockKeyChain("tiny", LAYOUT);
        int[] a = tokens(40, 7);
        int[] b = Arrays.copyOf(a, 50);
        b[45] = 999;
        assertEquals(2, chain.keys(a).length);
        assertEquals(3, chain.keys(b).length);
        assertArrayEquals(chain.keys(a), Arrays.copyOf(chain.keys(b), 2));
        assertArrayEquals(chain.keys(a), new BlockKeyChain("tiny", LAYOUT).keys(a), "keys are the same on every node");
    }

    @Test
    void aKeyIsTheFirst16BytesOfSha256OverItsParentAndItsTokensBigEndian() throws Exception {
        BlockKeyChain chain = new BlockKeyChain("tiny", LAYOUT);
        int[] tokens = tokens(3 * 16, 5);
        BlockKey[] keys = chain.keys(tokens);
        BlockKey parent = chain.root();
        for (int block = 0; block < keys.length; block++) {
            BlockKey key = keys[block];
            int first = block * 16;
            ByteBuffer input = ByteBuffer.allocate(16 + 4 * 16).putLong(parent.hi()).putLong(parent.lo());
            IntStream.range(first, first + 16).forEach(i -> input.putInt(tokens[i]));
            ByteBuffer sha = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(input.array()));
            assertEquals(new BlockKey(sha.getLong(), sha.getLong()), key);
            assertEquals(key, chain.next(parent, tokens, first));
            parent = key;
        }
    }

    @Test
    void aKeyNamesTheWholePrefix() {
        BlockKeyChain chain = new BlockKeyChain("tiny", LAYOUT);
        int[] a = tokens(32, 1);
        int[] b = a.clone();
        b[0]++;
        BlockKey[] ka = chain.keys(a);
        BlockKey[] kb = chain.keys(b);
        assertNotEquals(ka[0], kb[0]);
        assertNotEquals(ka[1], kb[1], "same second block after a different first block is a different key");
    }

    @Test
    void modelLayoutAndTenantSeparateKeys() {
        int[] t = tokens(16, 3);
        BlockKey base = new BlockKeyChain("tiny", LAYOUT).keys(t)[0];
        assertNotEquals(base, new BlockKeyChain("bench", LAYOUT).keys(t)[0]);
        assertNotEquals(base, new BlockKeyChain("tiny", new BlockLayout(4, 2, 32, DType.BF16)).keys(t)[0]);
        assertNotEquals(base, new BlockKeyChain("tiny", LAYOUT, "tenant-a").keys(t)[0]);
    }

    @Test
    void hexRoundTripsAndBadInputIsRefused() {
        BlockKey k = new BlockKeyChain("tiny", LAYOUT).keys(tokens(16, 5))[0];
        assertEquals(k, BlockKey.parse(k.hex()));
        assertThrows(IllegalArgumentException.class, () -> BlockKey.parse("zz"));
        assertThrows(IllegalArgumentException.class, () -> BlockKey.parse("g".repeat(32)));
        assertThrows(IllegalArgumentException.class, () -> new BlockKeyChain("tiny", LAYOUT).keys(tokens(10, 0), 1));
    }

    @Test
    void layoutSizesAndOffsets() {
        assertEquals(4L * 2 * 2 * 16 * 32 * 4, LAYOUT.bytes());
        assertEquals(0, LAYOUT.elementIndex(0, BlockLayout.K, 0, 0));
        assertEquals(32, LAYOUT.elementIndex(0, BlockLayout.K, 0, 1));
        assertEquals(16 * 32, LAYOUT.elementIndex(0, BlockLayout.K, 1, 0));
        assertEquals(2 * 16 * 32, LAYOUT.elementIndex(0, BlockLayout.V, 0, 0));
        assertEquals(LAYOUT, BlockLayout.parse(LAYOUT.id()));
        assertThrows(IllegalArgumentException.class, () -> BlockLayout.parse("L1-H1"));
    }
}
