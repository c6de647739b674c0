-- Removes up to a batch of a pool's index entries, each with a 'removed' event, once the pool is dead (its liveness
-- key expired) or leaving (force); drops the registry entry when none are left. Returns how many were removed,
-- or -1 when the pool is alive and not forced. Callers repeat until 0. (The holders functions are prepended.)
-- ARGV: pool id, batch size, force (1|0), stream max length
local id = ARGV[1]
local alive = poolAliveKey(id)
if ARGV[3] == '1' then
  redis.call('DEL', alive)
elseif redis.call('EXISTS', alive) == 1 then
  return -1
end
local poolKeys = poolKeysKey(id)
local keys = redis.call('SPOP', poolKeys, tonumber(ARGV[2]))
for _, key in ipairs(keys) do
  setHolder(key, id, nil)
  redis.call('XADD', KV_EVENTS, 'MAXLEN', '~', ARGV[4], '*', 'type', 'removed', 'pool', id, 'key', key,
    'reason', 'pool_left')
end
if redis.call('SCARD', poolKeys) == 0 then
  redis.call('DEL', poolKey(id))
  redis.call('SREM', POOLS, id)
end
return #keys
