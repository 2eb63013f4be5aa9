import { createHash } from 'node:crypto';

/** A Lua script run with EVALSHA (EVAL once when the server does not know it yet). */
export interface RedisScript {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
  readonly keys: number;
}

function script(name: string, keys: number, lua: string): RedisScript {
  return { name, lua, keys, sha: createHash('sha1').update(lua).digest('hex') };
}

// Numbers go back to JS as strings: a Lua number in a reply is truncated to an integer.
const formatNumber = `local function num(x) return string.format('%.17g', x) end`;

/**
 * KEYS: window. ARGV: amount, limit, ttlMs, force ('1': add whatever the limit).
 * Reply: [admitted 1|0, used]. The key expires ttlMs after the window's first write.
 */
export const windowScript = script(
  'window',
  1,
  `${formatNumber}
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local amount = tonumber(ARGV[1])
local admitted = ARGV[4] == '1' or used + amount <= tonumber(ARGV[2])
if admitted and amount ~= 0 then
  used = tonumber(redis.call('INCRBYFLOAT', KEYS[1], ARGV[1]))
  if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
end
return {admitted and 1 or 0, num(used)}`,
);

/**
 * KEYS: budget hash (field spent, fields r:<id> = reserved amount), reservation expiry zset.
 * ARGV: id, amount, limit, keyTtlMs, reservationTtlMs. Reservations past their expiry (server
 * time) are dropped first, so a process that dies mid-call cannot hold budget for ever.
 * Reply: [admitted 1|0, spent, reserved].
 */
export const reserveScript = script(
  'reserve',
  2,
  `${formatNumber}
local t = redis.call('TIME')
local nowMs = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', nowMs)
for _, id in ipairs(expired) do redis.call('HDEL', KEYS[1], 'r:' .. id) end
if #expired > 0 then redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', nowMs) end
local spent = 0
local reserved = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if fields[i] == 'spent' then spent = tonumber(fields[i + 1])
  elseif string.sub(fields[i], 1, 2) == 'r:' then reserved = reserved + tonumber(fields[i + 1]) end
end
local amount = tonumber(ARGV[2])
-- A nano-dollar of slack: sums of cents drift in binary floating point (as in memoryStore).
local admitted = spent + reserved + amount <= tonumber(ARGV[3]) + 1e-9
if admitted then
  redis.call('HSET', KEYS[1], 'r:' .. ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[2], nowMs + tonumber(ARGV[5]), ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  reserved = reserved + amount
end
return {admitted and 1 or 0, num(spent), num(reserved)}`,
);

/**
 * KEYS: budget hash, reservation zset. ARGV: id, actualUsd, ttlMs (for a budget key that is
 * new here, e.g. a settle replayed after its reservation expired).
 */
export const settleScript = script(
  'settle',
  2,
  `redis.call('HDEL', KEYS[1], 'r:' .. ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HINCRBYFLOAT', KEYS[1], 'spent', ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`,
);

/**
 * KEYS: entry, recency zset, recency counter. ARGV: member. A hit becomes the most recent entry.
 */
export const cacheGetScript = script(
  'cache-get',
  3,
  `local value = redis.call('GET', KEYS[1])
if not value then
  redis.call('ZREM', KEYS[2], ARGV[1])
  return false
end
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
return value`,
);

/**
 * KEYS: entry, recency zset, recency counter. ARGV: member, value, ttlMs, maxEntries,
 * entry key prefix. Past maxEntries the least recently used entries go.
 */
export const cacheSetScript = script(
  'cache-set',
  3,
  `redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('ZADD', KEYS[2], redis.call('INCR', KEYS[3]), ARGV[1])
-- The recency index lives as long as its longest-lived entry.
local ttl = tonumber(ARGV[3])
if redis.call('PTTL', KEYS[2]) < ttl then redis.call('PEXPIRE', KEYS[2], ttl) end
if redis.call('PTTL', KEYS[3]) < ttl then redis.call('PEXPIRE', KEYS[3], ttl) end
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
if excess > 0 then
  local oldest = redis.call('ZPOPMIN', KEYS[2], excess)
  for i = 1, #oldest, 2 do redis.call('DEL', ARGV[5] .. oldest[i]) end
end
return 1`,
);

/** KEYS: health hash. ARGV: targetId, record JSON, channel, message, ttlMs. Saves, then publishes. */
export const healthScript = script(
  'health',
  1,
  `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`,
);
