package io.memserve.mempool.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.memserve.kvblock.BlockKey;
import io.memserve.kvblock.BlockLayout;
import io.memserve.kvblock.DType;
import io.memserve.mempool.api.AllocRequest;
import io.memserve.mempool.api.DeleteRequest;
import io.memserve.mempool.api.ErrorResponse;
import io.memserve.mempool.api.InsertRequest;
import io.memserve.mempool.api.InsertResponse;
import io.memserve.mempool.api.MatchRequest;
import io.memserve.mempool.api.MatchResponse;
import io.memserve.mempool.api.MemPoolJson;
import io.memserve.mempool.api.PoolStatus;
import io.memserve.mempool.api.TierName;
import io.memserve.mempool.client.MemPoolApiException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;

/** Check 1: insert, match and get against a real Redis; longest prefix; delete and eviction clean the index. */
class IndexAndRedisTest {

    private static final BlockLayout LAYOUT = new BlockLayout(2, 2, 16, DType.F32);
    private static final String MODEL = "index-test-model";
    private static TestPool pool;

    @BeforeAll
    static void start() {
        pool = new TestPool("index-pool", (12 * LAYOUT.bytes()) + "B");
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    @Test
    void insertThenMatchThenGetReturnsTheSameBytes() {
        int[] tokens = Blocks.tokens(1, 4 * 16 + 5);
        BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, tokens);
        try (Arena arena = Arena.ofShared()) {
            InsertResponse inserted = pool.client.store(MODEL, LAYOUT, tokens, Blocks.contentOf(keys, LAYOUT, arena))
                    .block();
            assertThat(inserted.insertedBlocks()).isEqualTo(4);

            List<MemorySegment> into = Blocks.empty(4, LAYOUT, arena);
            Integer loaded = pool.client.load(MODEL, LAYOUT, tokens, into).block();

            assertThat(loaded).isEqualTo(64);
            for (int i = 0; i < 4; i++) {
                assertThat(Blocks.holds(into.get(i), keys[i], LAYOUT, arena)).as("block %d", i).isTrue();
            }
            assertThat(redisHolders(keys)).allSatisfy(holders -> assertThat(holders).containsEntry("index-pool", "DRAM"));
        }
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), tokens)).block();
    }

    @Test
    void longestPrefixStopsAtTheFirstMissingBlock() {
        int[] tokens = Blocks.tokens(2, 5 * 16);
        BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, tokens);
        try (Arena arena = Arena.ofShared()) {
            pool.client.store(MODEL, LAYOUT, tokens, Blocks.contentOf(keys, LAYOUT, arena)).block();
        }
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), Arrays.copyOf(tokens, 3 * 16))).block();
        int[] prefixOfTwo = tokens.clone();
        MatchResponse match = pool.control.match(new MatchRequest(MODEL, LAYOUT.id(), prefixOfTwo, null, null, false, 0))
                .block();

        assertThat(match.runs()).isEmpty();
        assertThat(match.matchedTokens()).isZero();

        int[] other = Blocks.tokens(3, 6 * 16);
        BlockKey[] otherKeys = Blocks.keys(MODEL, LAYOUT, other);
        List<Long> stored;
        try (Arena arena = Arena.ofShared()) {
            stored = pool.client.store(MODEL, LAYOUT, Arrays.copyOf(other, 3 * 16),
                    Blocks.contentOf(Arrays.copyOf(otherKeys, 3), LAYOUT, arena)).block().addresses();
        }
        MatchResponse partial = pool.control.match(new MatchRequest(MODEL, LAYOUT.id(), other, null, null, false, 0))
                .block();
        pool.control.releaseLease(partial.leaseId()).block();

        assertThat(partial.matchedTokens()).isEqualTo(48);
        assertThat(partial.runs()).singleElement().satisfies(run -> {
            assertThat(run.pool()).isEqualTo("index-pool");
            assertThat(run.tier()).isEqualTo(TierName.DRAM);
            assertThat(run.firstBlock()).isZero();
            assertThat(run.blocks()).isEqualTo(3);
            assertThat(run.addresses()).as("the blocks stored under the first three keys")
                    .containsExactly(stored.stream().mapToLong(Long::longValue).toArray());
        });
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), other)).block();
    }

    @Test
    void theHeartbeatAnnouncesEachTiersCapacityAndUse() {
        var lease = pool.control.alloc(new AllocRequest(LAYOUT.id(), 3, null, null, null)).block();
        try {
            long used = pool.control.status().block().tiers().getFirst().usedBytes();
            assertThat(used).isGreaterThanOrEqualTo(3L * LAYOUT.bytes());
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                Map<Object, Object> entry = pool.redis().opsForHash().entries("memserve:pool:index-pool")
                        .collectMap(Map.Entry::getKey, Map.Entry::getValue).block();
                assertThat(entry).containsEntry("dram_capacity_bytes", Long.toString(12L * LAYOUT.bytes()))
                        .containsEntry("dram_used_bytes", Long.toString(used))
                        .containsEntry("hbm_capacity_bytes", "0");
            });
        } finally {
            pool.control.releaseLease(lease.leaseId()).block();
        }
    }

    @Test
    void deleteRemovesIndexEntriesAndPublishesRemovedEvents() {
        int[] tokens = Blocks.tokens(4, 2 * 16);
        BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, tokens);
        try (Arena arena = Arena.ofShared()) {
            pool.client.store(MODEL, LAYOUT, tokens, Blocks.contentOf(keys, LAYOUT, arena)).block();
        }
        assertThat(events("stored", keys)).hasSize(2);

        int deleted = pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), tokens)).block().deletedBlocks();

        assertThat(deleted).isEqualTo(2);
        assertThat(redisHolders(keys)).allSatisfy(holders -> assertThat(holders).isEmpty());
        List<MapRecord<String, Object, Object>> removed = events("removed", keys);
        assertThat(removed).hasSize(2).allSatisfy(e -> assertThat(e.getValue()).containsEntry("reason", "deleted"));
        List<MapRecord<String, Object, Object>> stored = events("stored", keys);
        assertThat(stored.getFirst().getValue()).containsEntry("parent",
                new io.memserve.kvblock.BlockKeyChain(MODEL, LAYOUT).root().hex())
                .containsEntry("tokens", Arrays.stream(Arrays.copyOf(tokens, 16)).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")))
                .containsEntry("layout", LAYOUT.id()).containsEntry("model", MODEL);
        assertThat(stored.get(1).getValue()).containsEntry("parent", keys[0].hex());
    }

    @Test
    void evictionRemovesLeastRecentlyUsedLeavesFromTheIndexAndPublishesEvents() {
        int[] old = Blocks.tokens(5, 6 * 16);
        BlockKey[] oldKeys = Blocks.keys(MODEL, LAYOUT, old);
        int[] fresh = Blocks.tokens(6, 6 * 16);
        BlockKey[] freshKeys = Blocks.keys(MODEL, LAYOUT, fresh);
        try (Arena arena = Arena.ofShared()) {
            pool.client.store(MODEL, LAYOUT, old, Blocks.contentOf(oldKeys, LAYOUT, arena)).block();
            pool.client.store(MODEL, LAYOUT, fresh, Blocks.contentOf(freshKeys, LAYOUT, arena)).block();
            var lease = pool.control.alloc(new AllocRequest(LAYOUT.id(), 2, null, null, null)).block();

            List<MapRecord<String, Object, Object>> evicted = events("removed", oldKeys);
            assertThat(evicted).hasSize(2).allSatisfy(e -> assertThat(e.getValue()).containsEntry("reason", "evicted"));
            assertThat(evicted).extracting(e -> e.getValue().get("key"))
                    .as("leaf first: the last blocks of the prompt go before their prefix")
                    .containsExactly(oldKeys[5].hex(), oldKeys[4].hex());
            assertThat(redisHolders(Arrays.copyOfRange(oldKeys, 4, 6))).allSatisfy(h -> assertThat(h).isEmpty());
            MatchResponse match = pool.control.match(new MatchRequest(MODEL, LAYOUT.id(), old, null, null, false, 0))
                    .block();
            assertThat(match.matchedTokens()).isEqualTo(4 * 16);
            pool.control.releaseLease(match.leaseId()).block();
            pool.control.releaseLease(lease.leaseId()).block();
        }
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), old)).block();
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), fresh)).block();
        PoolStatus status = pool.control.status().block();
        assertThat(status.tiers().getFirst().usedBytes()).isZero();
    }

    @Test
    void badRequestsAreRefusedWithErrorJson() {
        assertThatThrownBy(() -> pool.control.alloc(new AllocRequest("not-a-layout", 1, null, null, null)).block())
                .isInstanceOfSatisfying(MemPoolApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_layout");
                });
        assertThatThrownBy(() -> pool.control.alloc(new AllocRequest(LAYOUT.id(), 0, null, null, null)).block())
                .isInstanceOfSatisfying(MemPoolApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> pool.control.alloc(new AllocRequest(LAYOUT.id(), 100, null, null, null)).block())
                .isInstanceOfSatisfying(MemPoolApiException.class, e -> assertThat(e.code()).isEqualTo("pool_full"));
        assertThatThrownBy(() -> pool.control.releaseLease("no-such-lease").block())
                .isInstanceOfSatisfying(MemPoolApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        var lease = pool.control.alloc(new AllocRequest(LAYOUT.id(), 1, null, null, null)).block();
        assertThatThrownBy(() -> pool.control.insert(new InsertRequest(MODEL, LAYOUT.id(), Blocks.tokens(9, 16),
                lease.addresses())).block())
                .as("a block never written cannot be published")
                .isInstanceOfSatisfying(MemPoolApiException.class, e -> assertThat(e.code())
                        .isEqualTo("block_not_written"));
        pool.control.releaseLease(lease.leaseId()).block();
        assertThat(pool.control.status().block().leases()).isZero();
    }

    @Test
    void tokensComeAsAJsonArrayOrAsBase64AndBadBase64IsRefused() throws Exception {
        int[] tokens = Blocks.tokens(21, 2 * 16);
        try (Arena arena = Arena.ofShared()) {
            BlockKey[] keys = Blocks.keys(MODEL, LAYOUT, tokens);
            pool.client.store(MODEL, LAYOUT, tokens, Blocks.contentOf(keys, LAYOUT, arena)).block();
        }
        String array = Arrays.toString(tokens);
        ByteBuffer littleEndian = ByteBuffer.allocate(tokens.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        littleEndian.asIntBuffer().put(tokens);
        String base64 = '"' + Base64.getEncoder().encodeToString(littleEndian.array()) + '"';
        String unpadded = base64.replace("=", "");
        for (String encoded : List.of(array, base64, unpadded)) {
            HttpResponse<String> answer = postMatch(encoded);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            MatchResponse match = MemPoolJson.mapper().readValue(answer.body(), MatchResponse.class);
            pool.control.releaseLease(match.leaseId()).block();
            assertThat(match.matchedTokens()).as(encoded).isEqualTo(2 * 16);
        }
        for (String bad : List.of("\"not base64!\"", "\"AAAAAAAA\"", "\"AAAA\"")) {
            HttpResponse<String> answer = postMatch(bad);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            assertThat(MemPoolJson.mapper().readValue(answer.body(), ErrorResponse.class).error().code())
                    .as(bad).isEqualTo("invalid_body");
        }
        pool.control.delete(new DeleteRequest(MODEL, LAYOUT.id(), tokens)).block();
    }

    private static HttpResponse<String> postMatch(String tokensJson) throws Exception {
        String body = "{\"model\":\"" + MODEL + "\",\"layout\":\"" + LAYOUT.id() + "\",\"tokens\":" + tokensJson
                + "}";
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(pool.baseUrl + "/v1/match"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<Map<String, String>> redisHolders(BlockKey[] keys) {
        return Arrays.stream(keys).map(k -> RedisHolders.of(pool.redis(), k)).toList();
    }

    private static List<MapRecord<String, Object, Object>> events(String type, BlockKey[] keys) {
        Set<String> wanted = Arrays.stream(keys).map(BlockKey::hex).collect(Collectors.toSet());
        return pool.redis().opsForStream().range("memserve:kv-events", Range.unbounded())
                .filter(e -> type.equals(e.getValue().get("type")) && wanted.contains(e.getValue().get("key")))
                .collectList().block();
    }
}
