-- For block keys in prompt order, the live pools (other than the asking one) holding each and in which tier, stopping
-- at the first key no live pool holds; then the endpoint of every live pool named. One round trip for a whole prompt.
-- ARGV[1] asking pool id, ARGV[2..] block keys (hex).
-- Returns { { {pool, tier, pool, tier, ...} per key }, { {pool, host, http port, data port}, ... } }
local self = ARGV[1]
local alive = {}
local holders = {}
for i = 2, #ARGV do
  local live = {}
  local entries = redis.call('HGETALL', 'memserve:key:' .. ARGV[i])
  for j = 1, #entries, 2 do
    local p = entries[j]
    if p ~= self then
      if alive[p] == nil then
        alive[p] = redis.call('EXISTS', 'memserve:pool:' .. p .. ':alive') == 1
      end
      if alive[p] then
        live[#live + 1] = p
        live[#live + 1] = entries[j + 1]
      end
    end
  end
  if #live == 0 then
    break
  end
  holders[#holders + 1] = live
end
local endpoints = {}
for p, isAlive in pairs(alive) do
  if isAlive then
    local e = redis.call('HMGET', 'memserve:pool:' .. p, 'host', 'http_port', 'data_port')
    endpoints[#endpoints + 1] = { p, e[1] or '', e[2] or '0', e[3] or '0' }
  end
end
return { holders, endpoints }
