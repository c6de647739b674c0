package io.memserve.mempool.protocol;

/** How an opaque block address is printed in messages. */
final class Addresses {

    private Addresses() {
    }

    static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }
}
