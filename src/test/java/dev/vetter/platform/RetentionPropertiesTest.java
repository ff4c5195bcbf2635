package dev.vetter.platform;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetentionPropertiesTest {

	private final RetentionProperties retention = new RetentionProperties(Duration.ofDays(90), Duration.ofDays(30), 3,
			Duration.ofHours(1));

	@Test
	void purgesBatchAfterBatchUntilOneIsShort() {
		Deque<Integer> batches = new ArrayDeque<>(List.of(3, 3, 1, 3));
		assertThat(retention.inBatches(batches::pop)).isEqualTo(7);
		assertThat(batches).containsExactly(3);
	}

	@Test
	void stopsAfterAnEmptyBatchWhenTheRowsWereAnExactMultiple() {
		Deque<Integer> batches = new ArrayDeque<>(List.of(3, 0, 3));
		assertThat(retention.inBatches(batches::pop)).isEqualTo(3);
		assertThat(batches).containsExactly(3);
	}

}
