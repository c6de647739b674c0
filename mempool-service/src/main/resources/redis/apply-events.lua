-- Applies a pool's index changes in the order they happened, each stored/removed one with its event on the stream,
-- atomically (the holders functions are prepended).
-- ARGV[1] pool id, ARGV[2] stream max length (approximate), then groups of 8:
--   type (stored|removed|moved), key, model, layout, parent key, tokens (comma-separated), reason, tier
local pool = ARGV[1]
local maxlen = ARGV[2]
local poolKeys = poolKeysKey(pool)
for i = 3, #ARGV, 8 do
  local kind, key = ARGV[i], ARGV[i + 1]
  if kind == 'stored' then
    setHolder(key, pool, ARGV[i + 7])
    redis.call('SADD', poolKeys, key)
    redis.call('XADD', KV_EVENTS, 'MAXLEN', '~', maxlen, '*', 'type', 'stored', 'pool', pool,
      'model', ARGV[i + 2], 'layout', ARGV[i + 3], 'key', key, 'parent', ARGV[i + 4], 'tokens', ARGV[i + 5],
      'tier', ARGV[i + 7])
  elseif kind == 'moved' then
    if holderTier(redis.call('GET', holdersKey(key)), pool) then
      setHolder(key, pool, ARGV[i + 7])
    end
  else
    setHolder(key, pool, nil)
    redis.call('SREM', poolKeys, key)
    redis.call('XADD', KV_EVENTS, 'MAXLEN', '~', maxlen, '*', 'type', 'removed', 'pool', pool,
      'model', ARGV[i + 2], 'layout', ARGV[i + 3], 'key', key, 'parent', ARGV[i + 4], 'reason', ARGV[i + 6])
  end
end
return (#ARGV - 2) / 8
