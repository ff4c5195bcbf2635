-- wrk script for bench/text-scan.sh: the framework floor, a plain GET of a trivial endpoint (default /ping).
-- Counts responses that are not HTTP 200 (a response() hook, like the scan script's, so the load generator
-- does comparable per-response work) and prints one "RESULT key=value ..." line (latencies in microseconds).

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

ok, bad_status = 0, 0
failures = ""

function response(status, headers, body)
	if status == 200 then
		ok = ok + 1
	else
		bad_status = bad_status + 1
		if bad_status <= 3 then
			failures = failures .. string.format("  HTTP %d: %s\n", status, string.sub(body or "", 1, 300))
		end
	end
end

function done(summary, latency, requests)
	local good, bad, samples = 0, 0, ""
	for _, thread in ipairs(threads) do
		good = good + (thread:get("ok") or 0)
		bad = bad + (thread:get("bad_status") or 0)
		samples = samples .. (thread:get("failures") or "")
	end
	local e = summary.errors
	if samples ~= "" then
		io.write("FAILURES (first responses that were not HTTP 200):\n", samples)
	end
	io.write(string.format("RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
		.. "ok=%d non200=%d bad_code=0 socket_errors=%d timeouts=%d\n",
		summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
		latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
		good, bad, e.connect + e.read + e.write + e.timeout, e.timeout))
end
