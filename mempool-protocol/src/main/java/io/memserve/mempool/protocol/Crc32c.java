package io.memserve.mempool.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** CRC32C over bytes wherever they live, without copying them: a composite buffer is read component by component. */
final class Crc32c {

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
            for (ByteBuffer part : buf.nioBuffers(index, length)) {
                crc.update(part);
            }
        }
    }

    static int of(ByteBuf buf) {
        return of(buf, buf.readerIndex(), buf.readableBytes());
    }
}
