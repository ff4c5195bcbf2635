-- wrk script for bench/text-scan.sh: signed Green API 1.0 POST /green/text/scan requests.
--
-- Every request carries a fresh x-acs-signature-nonce, the current Date and its own ACS HMAC-SHA1
-- signature (Vetter accepts each nonce once and a Date within +-15 min, so pre-signed pools cannot
-- last a 60 s+ run). Bodies come from bodies.tsv (Content-MD5 TAB body, made by BenchData.java), so
-- MD5 is precomputed; SHA-1/HMAC is pure Lua on LuaJIT's `bit` library, with the HMAC key pads
-- hashed once. Every response is checked: HTTP 200, top-level "code":200 and task "code":200.
--
-- Arguments (after `--`): bodies.tsv accessKeyId accessKeySecret noncePrefix
-- Prints one machine-readable line at the end: "RESULT key=value ..." (latencies in microseconds).

local bit = require("bit")
local band, bor, bxor, bnot, rol, lshift, rshift, tobit =
	bit.band, bit.bor, bit.bxor, bit.bnot, bit.rol, bit.lshift, bit.rshift, bit.tobit
local byte, char, sub, rep, find, format = string.byte, string.char, string.sub, string.rep, string.find, string.format
local concat = table.concat

---------------------------------------------------------------------------------------------- SHA-1

local W = {}

-- One SHA-1 compression of the 64-byte block of s starting at (1-based) off, into H[1..5].
local function compress(H, s, off)
	for i = 0, 15 do
		local a, b, c, d = byte(s, off, off + 3)
		W[i] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
		off = off + 4
	end
	for i = 16, 79 do
		W[i] = rol(bxor(W[i - 3], W[i - 8], W[i - 14], W[i - 16]), 1)
	end
	local a, b, c, d, e = H[1], H[2], H[3], H[4], H[5]
	for i = 0, 19 do
		local t = tobit(rol(a, 5) + bor(band(b, c), band(bnot(b), d)) + e + W[i] + 0x5A827999)
		e = d; d = c; c = rol(b, 30); b = a; a = t
	end
	for i = 20, 39 do
		local t = tobit(rol(a, 5) + bxor(b, c, d) + e + W[i] + 0x6ED9EBA1)
		e = d; d = c; c = rol(b, 30); b = a; a = t
	end
	for i = 40, 59 do
		local t = tobit(rol(a, 5) + bor(band(b, c), band(b, d), band(c, d)) + e + W[i] + 0x8F1BBCDC)
		e = d; d = c; c = rol(b, 30); b = a; a = t
	end
	for i = 60, 79 do
		local t = tobit(rol(a, 5) + bxor(b, c, d) + e + W[i] + 0xCA62C1D6)
		e = d; d = c; c = rol(b, 30); b = a; a = t
	end
	H[1] = tobit(H[1] + a); H[2] = tobit(H[2] + b); H[3] = tobit(H[3] + c)
	H[4] = tobit(H[4] + d); H[5] = tobit(H[5] + e)
end

local function initial()
	return { tobit(0x67452301), tobit(0xEFCDAB89), tobit(0x98BADCFE), tobit(0x10325476), tobit(0xC3D2E1F0) }
end

local function be32(x)
	return char(band(rshift(x, 24), 255), band(rshift(x, 16), 255), band(rshift(x, 8), 255), band(x, 255))
end

-- SHA-1 of (already hashed prefix of prefixLen bytes, state H0) .. msg; returns the 20-byte digest.
local function finish(H0, prefixLen, msg)
	local H = { H0[1], H0[2], H0[3], H0[4], H0[5] }
	local bits = (prefixLen + #msg) * 8
	local padded = msg .. "\128" .. rep("\0", (55 - #msg) % 64)
		.. be32(math.floor(bits / 4294967296)) .. be32(bits % 4294967296)
	for off = 1, #padded, 64 do
		compress(H, padded, off)
	end
	return be32(H[1]) .. be32(H[2]) .. be32(H[3]) .. be32(H[4]) .. be32(H[5])
end

local function sha1(msg)
	return finish(initial(), 0, msg)
end

-- HMAC-SHA1 with the key pads hashed once: returns a function(msg) -> 20-byte MAC.
local function hmac_sha1(key)
	if #key > 64 then
		key = sha1(key)
	end
	key = key .. rep("\0", 64 - #key)
	local ipad, opad = {}, {}
	for i = 1, 64 do
		local k = byte(key, i)
		ipad[i] = char(bxor(k, 0x36))
		opad[i] = char(bxor(k, 0x5c))
	end
	local inner, outer = initial(), initial()
	compress(inner, concat(ipad), 1)
	compress(outer, concat(opad), 1)
	return function(msg)
		return finish(outer, 64, finish(inner, 64, msg))
	end
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local B64C = {}
for i = 1, 64 do
	B64C[i - 1] = sub(B64, i, i)
end

local function base64(s)
	local out, n = {}, 0
	for i = 1, #s, 3 do
		local a, b, c = byte(s, i, i + 2)
		local v = a * 65536 + (b or 0) * 256 + (c or 0)
		out[n + 1] = B64C[rshift(v, 18)]
		out[n + 2] = B64C[band(rshift(v, 12), 63)]
		out[n + 3] = b and B64C[band(rshift(v, 6), 63)] or "="
		out[n + 4] = c and B64C[band(v, 63)] or "="
		n = n + 4
	end
	return concat(out)
end

local function hex(s)
	return (s:gsub(".", function(ch) return format("%02x", byte(ch)) end))
end

------------------------------------------------------------------------------------------ wrk hooks

local threads = {}
local counter = 0

function setup(thread)
	thread:set("id", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

local bodies, md5s, nbodies = {}, {}, 0
local akid, mac, prefix
local PATH = "/green/text/scan"
local req_index = 0
local last_second, date = -1, nil

-- per-thread counters, read by done() through thread:get
ok, bad_status, bad_code, blocked, reviewed, passed = 0, 0, 0, 0, 0, 0
failures = ""

function init(args)
	local file, ak, secret, nonce_prefix = args[1], args[2], args[3], args[4]
	if not (file and ak and secret and nonce_prefix) then
		error("usage: wrk -s text-scan.lua URL -- bodies.tsv accessKeyId accessKeySecret noncePrefix")
	end
	-- self-test of the signer (RFC 2202 case 2 and a well-known vector) before any traffic
	assert(hex(hmac_sha1("Jefe")("what do ya want for nothing?")) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
		"HMAC-SHA1 self-test failed")
	assert(hex(hmac_sha1("key")("The quick brown fox jumps over the lazy dog")) == "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
		"HMAC-SHA1 self-test failed")
	assert(base64(sha1("abc")) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=", "SHA-1/Base64 self-test failed")
	for line in io.lines(file) do
		local tab = find(line, "\t", 1, true)
		if tab then
			nbodies = nbodies + 1
			md5s[nbodies] = sub(line, 1, tab - 1)
			bodies[nbodies] = sub(line, tab + 1)
		end
	end
	assert(nbodies > 0, "no bodies in " .. file)
	akid, mac = ak, hmac_sha1(secret)
	prefix = nonce_prefix .. "-" .. tostring(id or 0) .. "-"
	-- spread threads over the body pool
	req_index = (id or 0) * 7919
	math.randomseed(os.time() + (id or 0))
end

function request()
	req_index = req_index + 1
	local now = os.time()
	if now ~= last_second then
		last_second = now
		date = os.date("!%a, %d %b %Y %H:%M:%S GMT", now)
	end
	local i = req_index % nbodies + 1
	local md5 = md5s[i]
	local nonce = prefix .. req_index
	local sts = "POST\napplication/json\n" .. md5 .. "\napplication/json\n" .. date
		.. "\nx-acs-signature-method:HMAC-SHA1\nx-acs-signature-nonce:" .. nonce
		.. "\nx-acs-signature-version:1.0\nx-acs-version:2018-05-09\n" .. PATH
	local headers = {
		["Accept"] = "application/json",
		["Content-Type"] = "application/json",
		["Content-MD5"] = md5,
		["Date"] = date,
		["x-acs-version"] = "2018-05-09",
		["x-acs-signature-nonce"] = nonce,
		["x-acs-signature-version"] = "1.0",
		["x-acs-signature-method"] = "HMAC-SHA1",
		["Authorization"] = "acs " .. akid .. ":" .. base64(mac(sts)),
	}
	return wrk.format("POST", PATH, headers, bodies[i])
end

local MAX_FAILURE_SAMPLES = 3
local samples = 0

function response(status, headers, body)
	if status ~= 200 then
		bad_status = bad_status + 1
	elseif find(body, '{"code":200,', 1, true) ~= 1 or not find(body, '"data":[{"code":200,', 1, true) then
		bad_code = bad_code + 1
	else
		ok = ok + 1
		if find(body, '"suggestion":"block"', 1, true) then
			blocked = blocked + 1
		elseif find(body, '"suggestion":"review"', 1, true) then
			reviewed = reviewed + 1
		else
			passed = passed + 1
		end
		return
	end
	if samples < MAX_FAILURE_SAMPLES then
		samples = samples + 1
		failures = failures .. format("  HTTP %d: %s\n", status, sub(body or "", 1, 300))
	end
end

function done(summary, latency, requests)
	local t = { ok = 0, bad_status = 0, bad_code = 0, blocked = 0, reviewed = 0, passed = 0 }
	local samples_text = ""
	for _, thread in ipairs(threads) do
		for k in pairs(t) do
			t[k] = t[k] + (thread:get(k) or 0)
		end
		samples_text = samples_text .. (thread:get("failures") or "")
	end
	local e = summary.errors
	local socket_errors = e.connect + e.read + e.write + e.timeout
	if samples_text ~= "" then
		io.write("FAILURES (first responses that were not a Green 200):\n", samples_text)
	end
	io.write(format("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
		.. "ok=%d non200=%d bad_code=%d socket_errors=%d timeouts=%d blocked=%d review=%d pass=%d\n",
		summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		t.ok, t.bad_status, t.bad_code, socket_errors, e.timeout, t.blocked, t.reviewed, t.passed))
end
