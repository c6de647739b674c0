package io.memserve.mempool.service.store;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.api.TierStatus;
import io.memserve.mempool.service.model.Block;
import io.memserve.mempool.service.model.Lease;
import io.memserve.mempool.service.model.MemPoolException;
import io.memserve.mempool.service.store.IndexListener.RemovalReason;
import java.lang.foreign.MemorySegment;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The blocks of one pool, their tiers, the local index and the leases that pin them. Every change happens under one
 * lock, so accounting and index never disagree; block bytes are copied outside it, under pins ({@link OpenBlock}).
 * A block lives while it is pinned or published, and is freed the moment neither holds.
 */
public final class BlockStore implements AutoCloseable {

    private final Map<Long, Block> blocks = new HashMap<>();
    private final Map<TierName, TierAccount> tiers = new EnumMap<>(TierName.class);
    private final LocalIndex index = new LocalIndex();
    private final LeaseTable leases;
    private final SpareDram spares;
    private final IndexListener listener;
    private final long addressEpoch = (new SecureRandom().nextLong() & 0x7fffL) << 48;
    private long nextAddress = 1;
    private long evictions;

    public BlockStore(List<TierConfig> tierConfigs, Clock clock, Duration defaultLeaseTtl, IndexListener listener) {
        for (TierConfig config : tierConfigs) {
            tiers.put(config.tier().name(), new TierAccount(config.tier(), config.capacityBytes()));
        }
        this.leases = new LeaseTable(clock, defaultLeaseTtl);
        this.spares = new SpareDram((DramTier) account(TierName.DRAM).tier());
        this.listener = listener;
    }

    /** A tier and its starting capacity. */
    public record TierConfig(Tier tier, long capacityBytes) {
    }

    /** Blocks reserved by {@link #allocate}, in order, pinned by the lease. */
    public record Allocation(String leaseId, List<Long> addresses) {
    }

    /** What {@link #insert} did; {@code addresses} holds, for each key, the block that now holds it. */
    public record Insertion(int inserted, int duplicates, List<Long> addresses) {
    }

    /** The blocks a local match pinned, and the lease pinning them (null when none matched and none was given). */
    public record LocalMatch(String leaseId, List<LocalBlock> blocks) {
    }

    public synchronized Allocation allocate(BlockLayout layout, int count, TierName tierName, String leaseId,
            Duration ttl) {
        TierAccount account = account(tierName);
        long bytes = layout.bytes() * count;
        if (bytes > account.capacityBytes()) {
            throw MemPoolException.full(count + " blocks of " + layout.id() + " need " + bytes + " bytes; " + tierName
                    + " holds " + account.capacityBytes());
        }
        if (leaseId != null) {
            leases.require(leaseId);
        }
        if (!makeRoom(account, bytes)) {
            throw MemPoolException.full(tierName + " has " + account.usage().freeBytes() + " bytes free and every other block"
                    + " is pinned; " + bytes + " bytes were asked for");
        }
        Lease lease = leases.openOrRenew(leaseId, ttl);
        List<Long> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Block block = new Block(addressEpoch | nextAddress++, layout, tierName,
                    account.tier().allocate(layout.bytes()));
            account.charge(block.bytes());
            blocks.put(block.address(), block);
            block.pin();
            lease.add(block.address());
            addresses.add(block.address());
        }
        return new Allocation(lease.id(), addresses);
    }

    /**
     * Publishes written blocks under {@code keys} (key i chained after key i-1, the first after {@code root}).
     * Validated whole before anything changes.
     */
    public synchronized Insertion insert(String model, BlockLayout layout, BlockKey root, BlockKey[] keys,
            int[] tokens, List<Long> addresses) {
        if (keys.length != addresses.size()) {
            throw MemPoolException.badRequest("address_count_mismatch", addresses.size() + " addresses given for "
                    + keys.length + " full blocks of tokens");
        }
        if (new HashSet<>(addresses).size() != addresses.size()) {
            throw MemPoolException.badRequest("duplicate_address", "an address appears twice");
        }
        for (int i = 0; i < keys.length; i++) {
            Block block = require(addresses.get(i));
            if (!block.layout().equals(layout)) {
                throw MemPoolException.badRequest("layout_mismatch", "block " + block.address() + " holds "
                        + block.layout().id() + ", not " + layout.id());
            }
            if (!block.written() || block.writing()) {
                throw MemPoolException.conflict("block_not_written", "block " + block.address() + " has not been"
                        + " written through the data plane");
            }
            if (block.published() && !block.publication().key().equals(keys[i])) {
                throw MemPoolException.conflict("block_published", "block " + block.address() + " is published under"
                        + " another key");
            }
        }
        int inserted = 0;
        int duplicates = 0;
        List<Long> holders = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Block block = blocks.get(addresses.get(i));
            Block holder = index.get(keys[i]);
            if (holder == null) {
                int from = i * BlockLayout.TOKENS_PER_BLOCK;
                block.publish(new Block.Publication(model, keys[i], i == 0 ? root : keys[i - 1],
                        Arrays.copyOfRange(tokens, from, from + BlockLayout.TOKENS_PER_BLOCK)));
                index.put(block);
                listener.stored(block);
                if (block.pins() == 0) {
                    tiers.get(block.tier()).touch(block);
                }
                inserted++;
                holder = block;
            } else if (holder != block) {
                duplicates++;
            }
            holders.add(holder.address());
        }
        return new Insertion(inserted, duplicates, holders);
    }

    /**
     * The longest run of {@code keys}, from {@code from}, that this pool holds, pinned under {@code leaseId} (a new
     * lease when null and something matched).
     */
    public synchronized LocalMatch match(BlockKey[] keys, int from, String leaseId, Duration ttl) {
        int end = from;
        while (end < keys.length && index.get(keys[end]) != null) {
            end++;
        }
        if (end == from && leaseId == null) {
            return new LocalMatch(null, List.of());
        }
        Lease lease = leases.openOrRenew(leaseId, ttl);
        List<LocalBlock> matched = new ArrayList<>(end - from);
        for (int i = from; i < end; i++) {
            Block block = index.get(keys[i]);
            if (lease.add(block.address())) {
                pin(block);
            }
            matched.add(new LocalBlock(keys[i], block.address(), block.tier()));
        }
        return new LocalMatch(lease.id(), matched);
    }

    /** Keys of {@code keys} that this pool holds, with their blocks; pins nothing. */
    public synchronized Map<BlockKey, LocalBlock> holding(BlockKey[] keys) {
        Map<BlockKey, LocalBlock> held = new HashMap<>();
        for (BlockKey key : keys) {
            Block block = index.get(key);
            if (block != null) {
                held.put(key, new LocalBlock(key, block.address(), block.tier()));
            }
        }
        return held;
    }

    /** Drops the index entries of {@code keys}; returns how many there were. */
    public synchronized int delete(BlockKey[] keys) {
        int deleted = 0;
        for (BlockKey key : keys) {
            Block block = index.get(key);
            if (block != null) {
                unpublish(block, RemovalReason.DELETED);
                deleted++;
            }
        }
        return deleted;
    }

    /** Frees blocks; those still pinned are freed when their last pin goes. Returns {freed now, deferred}. */
    public synchronized int[] free(List<Long> addresses, String leaseId) {
        List<Block> targets = addresses.stream().distinct().map(this::require).toList();
        Lease lease = leaseId == null ? null : leases.require(leaseId);
        int freed = 0;
        for (Block block : targets) {
            if (block.published()) {
                unpublish(block, RemovalReason.FREED);
            }
            if (lease != null && lease.remove(block.address())) {
                unpin(block);
            }
            if (blocks.containsKey(block.address())) {
                continue;
            }
            freed++;
        }
        return new int[] {freed, targets.size() - freed};
    }

    public synchronized OpenBlock openForRead(long address) {
        Block block = require(address);
        if (!block.written() || block.writing()) {
            throw MemPoolException.conflict("block_not_readable", "block " + address + " has not been written");
        }
        return open(block, false);
    }

    public synchronized OpenBlock openForWrite(long address) {
        Block block = require(address);
        if (block.published()) {
            throw MemPoolException.conflict("block_published", "block " + address + " is published; published blocks"
                    + " are immutable");
        }
        if (block.openHandles() > 0) {
            throw MemPoolException.conflict("block_busy", "block " + address + " is being read or written");
        }
        return open(block, true);
    }

    private OpenBlock open(Block block, boolean forWrite) {
        if (block.tier() != TierName.DRAM) {
            throw MemPoolException.conflict("block_not_in_dram", "block " + block.address() + " is in "
                    + block.tier() + "; the data plane serves DRAM blocks (swap_out first)");
        }
        pin(block);
        block.openHandle(forWrite);
        return new OpenDramBlock(this, block, forWrite, spares);
    }

    synchronized void closeHandle(Block block, boolean forWrite) {
        block.closeHandle(forWrite);
        unpin(block);
    }

    public synchronized Lease renewLease(String leaseId, Duration ttl) {
        Lease lease = leases.require(leaseId);
        lease.renewUntil(leases.expiry(ttl));
        return lease;
    }

    /** Ends a lease, unpinning its blocks; returns how many it pinned. */
    public synchronized int releaseLease(String leaseId) {
        Lease lease = leases.require(leaseId);
        int pinned = lease.addresses().size();
        end(lease);
        return pinned;
    }

    /** Ends a lease unless it already ended (released, or expired while its holder was busy). */
    public synchronized void releaseLeaseIfOpen(String leaseId) {
        Lease lease = leases.find(leaseId);
        if (lease != null) {
            end(lease);
        }
    }

    /** Ends every expired lease; returns how many. */
    public synchronized int expireLeases() {
        List<Lease> expired = leases.expired();
        expired.forEach(this::end);
        return expired.size();
    }

    private void end(Lease lease) {
        leases.remove(lease.id());
        for (long address : lease.addresses()) {
            Block block = blocks.get(address);
            if (block != null) {
                unpin(block);
            }
        }
    }

    /** Sets a tier's capacity, evicting to fit; refused, capacity unchanged, when pinned blocks do not fit. */
    public synchronized void resize(TierName tierName, long capacityBytes) {
        TierAccount account = account(tierName);
        long previous = account.capacityBytes();
        account.capacityBytes(capacityBytes);
        if (!makeRoom(account, 0)) {
            account.capacityBytes(previous);
            throw MemPoolException.conflict("capacity_pinned", tierName + " cannot shrink to " + capacityBytes
                    + " bytes: " + account.usedBytes() + " bytes are pinned or extended by pinned blocks");
        }
    }

    /** Moves up to {@code count} least recently used unpinned HBM blocks to DRAM. */
    public synchronized List<Long> swapOut(int count) {
        TierAccount hbm = account(TierName.HBM);
        List<Block> chosen = new ArrayList<>();
        for (Iterator<Block> it = hbm.oldestFirst(); it.hasNext() && chosen.size() < count;) {
            chosen.add(it.next());
        }
        List<Long> moved = new ArrayList<>(chosen.size());
        for (Block block : chosen) {
            move(block, hbm, account(TierName.DRAM));
            moved.add(block.address());
        }
        return moved;
    }

    /** Moves the given DRAM blocks to HBM, keeping their addresses; validated whole first. */
    public synchronized List<Long> swapIn(List<Long> addresses) {
        TierAccount hbm = account(TierName.HBM);
        List<Block> chosen = addresses.stream().distinct().map(this::require).toList();
        for (Block block : chosen) {
            if (block.tier() != TierName.DRAM || !block.written() || block.openHandles() > 0) {
                throw MemPoolException.conflict("block_not_swappable", "block " + block.address() + " is not a"
                        + " written DRAM block free of data-plane transfers");
            }
        }
        for (Block block : chosen) {
            move(block, account(TierName.DRAM), hbm);
        }
        return chosen.stream().map(Block::address).toList();
    }

    private void move(Block block, TierAccount from, TierAccount to) {
        from.notEvictable(block);
        block.pin();
        try {
            if (!makeRoom(to, block.bytes())) {
                throw MemPoolException.full(to.tier().name() + " has no room for block " + block.address());
            }
            TierMemory target = to.tier().allocate(block.bytes());
            MemorySegment staging = block.tier() == TierName.DRAM ? ((DramTier.DramMemory) block.memory()).segment()
                    : ((DramTier.DramMemory) target).segment();
            if (to.tier().name() == TierName.HBM) {
                to.tier().write(staging, target);
            } else {
                from.tier().read(block.memory(), staging);
            }
            block.memory().release();
            from.credit(block.bytes());
            to.charge(block.bytes());
            block.moveTo(to.tier().name(), target);
            if (block.published()) {
                listener.moved(block);
            }
        } finally {
            unpin(block);
        }
    }

    /**
     * Capacity and use of each tier without counting blocks (which {@link #status()} does, holding the lock): what a
     * heartbeat announces every second, at any number of blocks.
     */
    public synchronized List<TierUsage> usage() {
        return tiers.values().stream().map(TierAccount::usage).toList();
    }

    public synchronized StoreStatus status() {
        List<TierStatus> statuses = new ArrayList<>();
        for (TierAccount account : tiers.values()) {
            int count = 0;
            int pinned = 0;
            int published = 0;
            for (Block block : blocks.values()) {
                if (block.tier() == account.tier().name()) {
                    count++;
                    pinned += block.pins() > 0 ? 1 : 0;
                    published += block.published() ? 1 : 0;
                }
            }
            statuses.add(new TierStatus(account.tier().name(), account.capacityBytes(), account.usedBytes(),
                    account.usage().freeBytes(), count, pinned, published));
        }
        return new StoreStatus(statuses, index.size(), leases.size());
    }

    public synchronized long evictions() {
        return evictions;
    }

    /** The published blocks' keys, for checking the index against what is stored. */
    public synchronized Set<BlockKey> publishedKeys() {
        Set<BlockKey> keys = new HashSet<>();
        for (Block block : blocks.values()) {
            if (block.published()) {
                keys.add(block.publication().key());
            }
        }
        return keys;
    }

    private boolean makeRoom(TierAccount account, long bytes) {
        while (account.capacityBytes() - account.usedBytes() < bytes) {
            Block victim = account.victim(index);
            if (victim == null) {
                return false;
            }
            unpublish(victim, RemovalReason.EVICTED);
            evictions++;
        }
        return true;
    }

    private void pin(Block block) {
        if (block.pins() == 0 && block.published()) {
            tiers.get(block.tier()).notEvictable(block);
        }
        block.pin();
    }

    private void unpin(Block block) {
        block.unpin();
        if (block.pins() == 0) {
            if (block.published()) {
                tiers.get(block.tier()).touch(block);
            } else {
                release(block);
            }
        }
    }

    private void unpublish(Block block, RemovalReason reason) {
        listener.removed(block, reason);
        index.remove(block);
        tiers.get(block.tier()).notEvictable(block);
        block.unpublish();
        if (block.unreferenced()) {
            release(block);
        }
    }

    private void release(Block block) {
        blocks.remove(block.address());
        tiers.get(block.tier()).credit(block.bytes());
        block.memory().release();
    }

    private Block require(long address) {
        Block block = blocks.get(address);
        if (block == null) {
            throw MemPoolException.notFound("block_not_found", "no block at address " + address
                    + " (never allocated, or freed)");
        }
        return block;
    }

    private TierAccount account(TierName tierName) {
        TierAccount account = tiers.get(tierName);
        if (account == null) {
            throw MemPoolException.badRequest("tier_disabled", "this pool has no " + tierName + " tier");
        }
        return account;
    }

    @Override
    public synchronized void close() {
        for (Block block : List.copyOf(blocks.values())) {
            release(block);
        }
        spares.close();
        tiers.values().forEach(account -> account.tier().close());
    }
}
