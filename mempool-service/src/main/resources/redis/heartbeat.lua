-- A pool's heartbeat: refreshes its liveness key (which expires when heartbeats stop, and holds the pool's endpoint so
-- that one read tells both whether it is live and where it listens) and its registry entry. Returns the ids of the
-- other registered pools whose liveness key has expired, comma-separated ('' when none), so that the caller sweeps
-- their index entries without another round trip to find them.
-- ARGV: pool id, ttl ms, host, http port, data port, dram capacity, dram used, hbm capacity, hbm used, liveness value
local id = ARGV[1]
redis.call('SET', poolAliveKey(id), ARGV[10], 'PX', ARGV[2])
redis.call('HSET', poolKey(id), 'host', ARGV[3], 'http_port', ARGV[4], 'data_port', ARGV[5],
  'dram_capacity_bytes', ARGV[6], 'dram_used_bytes', ARGV[7], 'hbm_capacity_bytes', ARGV[8],
  'hbm_used_bytes', ARGV[9])
redis.call('SADD', POOLS, id)
local dead = {}
for _, other in ipairs(redis.call('SMEMBERS', POOLS)) do
  if other ~= id and redis.call('EXISTS', poolAliveKey(other)) == 0 then
    dead[#dead + 1] = other
  end
end
return table.concat(dead, ',')
