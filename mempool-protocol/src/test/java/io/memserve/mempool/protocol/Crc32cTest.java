package io.memserve.mempool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cTest {

    @Test
    void combiningTheChecksumsOfTwoPartsGivesTheChecksumOfTheWhole() {
        SplittableRandom random = new SplittableRandom(32);
        for (int split : new int[] {0, 1, 7, 4096, 262_143, 262_144}) {
            byte[] bytes = new byte[262_144 + 5];
            random.nextBytes(bytes);
            int whole = crc(bytes, 0, bytes.length);

            int combined = Crc32c.combine(crc(bytes, 0, split), crc(bytes, split, bytes.length - split),
                    bytes.length - split);

            assertEquals(whole, combined, "split at " + split);
        }
    }

    @Test
    void theChecksumOfNothingIsZeroAndCombinesAsSuch() {
        byte[] bytes = {1, 2, 3};
        assertEquals(0, Crc32c.of(Unpooled.EMPTY_BUFFER));
        assertEquals(crc(bytes, 0, 3), Crc32c.combine(0, crc(bytes, 0, 3), 3));
        assertEquals(crc(bytes, 0, 3), Crc32c.combine(crc(bytes, 0, 3), 0, 0));
    }

    private static int crc(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        return (int) crc.getValue();
    }
}
