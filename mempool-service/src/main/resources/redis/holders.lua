-- holdersKey(key) is the list of pools publishing a block key, each with the tier it holds the key in:
-- "pool=TIER,pool=TIER". One string per key, so that a match reads a whole prompt's keys with one MGET.
-- Prepended to the scripts that change it (RedisScripts), which is why these are functions only. holdersKey comes
-- from the prelude of key names.

-- The tier pool holds the key in, according to the holders string (false when Redis had none), or nil.
local function holderTier(holders, pool)
  if not holders then
    return nil
  end
  local prefix = pool .. '='
  for entry in string.gmatch(holders, '[^,]+') do
    if string.sub(entry, 1, #prefix) == prefix then
      return string.sub(entry, #prefix + 1)
    end
  end
  return nil
end

-- Makes pool hold key in tier, or, with tier nil, no longer hold it; the key goes once no pool holds it.
local function setHolder(key, pool, tier)
  local name = holdersKey(key)
  local holders = redis.call('GET', name)
  local prefix = pool .. '='
  local kept = {}
  if holders then
    for entry in string.gmatch(holders, '[^,]+') do
      if string.sub(entry, 1, #prefix) ~= prefix then
        kept[#kept + 1] = entry
      end
    end
  end
  if tier then
    kept[#kept + 1] = prefix .. tier
  end
  if #kept == 0 then
    redis.call('DEL', name)
  else
    redis.call('SET', name, table.concat(kept, ','))
  end
end

