package io.memserve.kvblock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockKeyTest {

    @Test
    void hexIsBothHalvesAsSixteenLowerCaseDigitsEachAndParsesBack() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            BlockKey key = new BlockKey(i < 3 ? i - 1 : random.nextLong(), i < 3 ? -i : random.nextLong());

            assertEquals(HexFormat.of().toHexDigits(key.hi()) + HexFormat.of().toHexDigits(key.lo()), key.hex());
            assertEquals(key, BlockKey.parse(key.hex()));
        }
    }

    @Test
    void writeHexPutsTheDigitsAtTheGivenOffset() {
        BlockKey key = new BlockKey(0x0123456789abcdefL, 0xfedcba9876543210L);
        byte[] into = new byte[2 + BlockKey.HEX_DIGITS];

        key.writeHex(into, 2);

        assertEquals("0123456789abcdeffedcba9876543210",
                new String(into, 2, BlockKey.HEX_DIGITS, StandardCharsets.US_ASCII));
        assertEquals(0, into[0]);
        assertEquals(0, into[1]);
    }
}
