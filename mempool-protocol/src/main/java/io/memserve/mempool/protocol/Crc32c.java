package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * CRC32C over bytes wherever they live, without copying them (a composite buffer is read component by component), and
 * the CRC of a concatenation from the CRCs of its parts, so that bytes whose checksum is known need not be read again.
 */
final class Crc32c {

    /** The reflected Castagnoli polynomial. */
    private static final int POLY = 0x82F63B78;
    /** {@code X2N[k]} is x^(2^k) modulo the polynomial. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30;
        X2N[0] = p;
        for (int k = 1; k < X2N.length; k++) {
            p = multiplyModP(p, p);
            X2N[k] = p;
        }
    }

    private Crc32c() {
    }

    static int of(ByteBuf buf, int index, int length) {
        CRC32C crc = new CRC32C();
        update(crc, buf, index, length);
        return (int) crc.getValue();
    }

    /** Folds {@code length} bytes of {@code buf} from {@code index} into {@code crc}. */
    static void update(CRC32C crc, ByteBuf buf, int index, int length) {
        if (length > 0) {
            if (buf.nioBufferCount() == 1) {
                crc.update(buf.internalNioBuffer(index, length));
            } else {
                for (ByteBuffer part : buf.nioBuffers(index, length)) {
                    crc.update(part);
                }
            }
        }
    }

    static int of(ByteBuf buf) {
        return of(buf, buf.readerIndex(), buf.readableBytes());
    }

    static int of(MemorySegment segment) {
        CRC32C crc = new CRC32C();
        crc.update(segment.asByteBuffer());
        return (int) crc.getValue();
    }

    /** The CRC32C of A followed by B, from A's CRC, B's CRC and B's length (zlib's crc32_combine, for CRC32C). */
    static int combine(int crcA, int crcB, long lengthB) {
        return multiplyModP(xPowerEightN(lengthB), crcA) ^ crcB;
    }

    /** x^(8n) modulo the polynomial: shifting a CRC past n bytes of zeros. */
    private static int xPowerEightN(long n) {
        int p = 1 << 31;
        for (int k = 3; n != 0; n >>>= 1, k++) {
            if ((n & 1) != 0) {
                p = multiplyModP(X2N[k & 31], p);
            }
        }
        return p;
    }

    /** a(x) b(x) modulo the polynomial, in the reflected bit order CRC32C uses. */
    private static int multiplyModP(int a, int b) {
        int product = 0;
        for (int m = 1 << 31; m != 0; m >>>= 1) {
            if ((a & m) != 0) {
                product ^= b;
            }
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }
}
