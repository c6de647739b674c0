-- The endpoint of a live pool, or an empty list when it is unknown or dead. ARGV[1] pool id.
local id = ARGV[1]
if redis.call('EXISTS', 'memserve:pool:' .. id .. ':alive') == 0 then
  return {}
end
local e = redis.call('HMGET', 'memserve:pool:' .. id, 'host', 'http_port', 'data_port')
return { e[1] or '', e[2] or '0', e[3] or '0' }
