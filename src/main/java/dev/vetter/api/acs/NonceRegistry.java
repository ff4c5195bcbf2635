package dev.vetter.api.acs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers each {@code (AccessKeyId, x-acs-signature-nonce)} until the request's
 * {@code Date} leaves the accepted window, so a replayed request is refused. The Date is
 * signed, so a replay falls in the same expiry bucket as the original. Entries are 64-bit
 * fingerprints in primitive open-addressing sets, bucketed by the minute they expire in,
 * so memory stays about 16 bytes per nonce and expired minutes are dropped whole.
 * <p>
 * Scope: one node. Behind a load balancer without affinity a replay to another node
 * within the window is not detected; see docs/operations.md.
 */
public final class NonceRegistry implements NonceStore {

	private static final int STRIPES = 32;

	private final ConcurrentSkipListMap<Long, Bucket> buckets = new ConcurrentSkipListMap<>();

	private final AtomicLong size = new AtomicLong();

	private final long capacity;

	public NonceRegistry(long capacity) {
		this.capacity = capacity;
	}

	/**
	 * Records the nonce.
	 * @param expires when the request's Date stops being acceptable
	 * @param now the current time, to drop expired buckets
	 */
	@Override
	public Outcome register(String accessKeyId, String nonce, Instant expires, Instant now) {
		evictBefore(now.getEpochSecond() / 60);
		long fingerprint = fingerprint(accessKeyId, nonce);
		// A replay carries the same signed Date, hence the same expiry minute: one bucket
		// to look in.
		long minute = expires.getEpochSecond() / 60 + 1;
		if (size.get() >= capacity) {
			Bucket existing = buckets.get(minute);
			return existing != null && existing.contains(fingerprint) ? Outcome.REPLAYED : Outcome.FULL;
		}
		if (!buckets.computeIfAbsent(minute, m -> new Bucket()).add(fingerprint)) {
			return Outcome.REPLAYED;
		}
		size.incrementAndGet();
		return Outcome.FRESH;
	}

	@Override
	public long size() {
		return size.get();
	}

	private void evictBefore(long minute) {
		Map.Entry<Long, Bucket> first = buckets.firstEntry();
		if (first == null || first.getKey() >= minute) {
			return;
		}
		for (Map.Entry<Long, Bucket> e : buckets.headMap(minute, false).entrySet()) {
			if (buckets.remove(e.getKey(), e.getValue())) {
				size.addAndGet(-e.getValue().count());
			}
		}
	}

	public static long fingerprint(String accessKeyId, String nonce) {
		long h = 0xcbf29ce484222325L;
		h = mix(h, accessKeyId);
		h = mix(h ^ 0x1f, nonce);
		h ^= h >>> 33;
		h *= 0xff51afd7ed558ccdL;
		h ^= h >>> 33;
		h *= 0xc4ceb9fe1a85ec53L;
		h ^= h >>> 33;
		return h == 0 ? 1 : h;
	}

	private static long mix(long h, String s) {
		for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
			h ^= b;
			h *= 0x100000001b3L;
		}
		return h * 0x9E3779B97F4A7C15L + s.length();
	}

	/** Striped primitive hash sets of non-zero longs. */
	private static final class Bucket {

		private final LongSet[] stripes = new LongSet[STRIPES];

		Bucket() {
			for (int i = 0; i < STRIPES; i++) {
				stripes[i] = new LongSet();
			}
		}

		boolean add(long v) {
			LongSet s = stripes[(int) (v >>> 59) & (STRIPES - 1)];
			synchronized (s) {
				return s.add(v);
			}
		}

		boolean contains(long v) {
			LongSet s = stripes[(int) (v >>> 59) & (STRIPES - 1)];
			synchronized (s) {
				return s.contains(v);
			}
		}

		long count() {
			long n = 0;
			for (LongSet s : stripes) {
				synchronized (s) {
					n += s.size;
				}
			}
			return n;
		}

	}

	private static final class LongSet {

		long[] table = new long[64];

		int size;

		boolean add(long v) {
			if (size * 2 >= table.length) {
				grow();
			}
			int mask = table.length - 1;
			int i = (int) v & mask;
			while (table[i] != 0) {
				if (table[i] == v) {
					return false;
				}
				i = (i + 1) & mask;
			}
			table[i] = v;
			size++;
			return true;
		}

		boolean contains(long v) {
			int mask = table.length - 1;
			int i = (int) v & mask;
			while (table[i] != 0) {
				if (table[i] == v) {
					return true;
				}
				i = (i + 1) & mask;
			}
			return false;
		}

		private void grow() {
			long[] old = table;
			table = new long[old.length * 2];
			size = 0;
			for (long v : old) {
				if (v != 0) {
					add(v);
				}
			}
		}

	}

}
