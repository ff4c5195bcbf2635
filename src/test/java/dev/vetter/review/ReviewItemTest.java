package dev.vetter.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vetter.platform.ContentKind;
import dev.vetter.platform.InvalidInput;
import dev.vetter.review.internal.ReviewItem;

/** The aggregate's rules, without Spring or a database. */
class ReviewItemTest {

	private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private static ReviewItem held(long by, int required, ReviewItem.Status status) {
		return new ReviewItem(1, 10, "txt1", ContentKind.TEXT, status, by, NOW.plusSeconds(300), required,
				List.of("abuse", "porn"), List.of());
	}

	@Test
	void singleReviewIsFinal() {
		ReviewItem item = held(7, 1, ReviewItem.Status.PENDING);

		assertThat(item.decide(7, false, new Verdict("block", List.of("abuse"), "rude"), NOW))
			.isEqualTo(ReviewOutcome.FINAL);
		assertThat(item.finalVerdict().labels()).containsExactly("abuse");
		assertThat(item.status()).isEqualTo(ReviewItem.Status.DECIDED);
	}

	@Test
	void decidingAnItemYouDoNotHoldIsRefused() {
		ReviewItem item = held(7, 1, ReviewItem.Status.PENDING);

		assertThatThrownBy(() -> item.decide(8, false, new Verdict("pass", List.of(), null), NOW))
			.isInstanceOf(ReviewNotHeld.class);
		assertThat(item.status()).isEqualTo(ReviewItem.Status.PENDING);
	}

	@Test
	void anExpiredLeaseIsNoLongerHeld() {
		ReviewItem item = held(7, 1, ReviewItem.Status.PENDING);

		assertThat(item.heldBy(7, NOW.plusSeconds(299))).isTrue();
		assertThat(item.heldBy(7, NOW.plusSeconds(300))).isFalse();
		assertThatThrownBy(() -> item.decide(7, false, new Verdict("pass", List.of(), null), NOW.plusSeconds(301)))
			.isInstanceOf(ReviewNotHeld.class);
	}

	@Test
	void decidingTwiceIsRefused() {
		ReviewItem item = held(7, 1, ReviewItem.Status.PENDING);
		item.decide(7, false, new Verdict("pass", List.of(), null), NOW);

		assertThatThrownBy(() -> item.decide(7, false, new Verdict("block", List.of("abuse"), null), NOW))
			.isInstanceOf(ReviewAlreadyDecided.class);
	}

	@Test
	void labelsOutsideTheAgreementAreRefusedWithoutStateChange() {
		ReviewItem item = held(7, 1, ReviewItem.Status.PENDING);

		assertThatThrownBy(() -> item.decide(7, false, new Verdict("block", List.of("terrorism"), null), NOW))
			.isInstanceOf(InvalidInput.class);
		assertThat(item.status()).isEqualTo(ReviewItem.Status.PENDING);
		assertThat(item.heldBy(7, NOW)).isTrue();
	}

	@Test
	void blockNeedsALabel() {
		assertThatThrownBy(() -> new Verdict("block", List.of(), null)).isInstanceOf(InvalidInput.class);
		assertThatThrownBy(() -> new Verdict("maybe", List.of(), null)).isInstanceOf(InvalidInput.class);
	}

	@Test
	void doubleReviewNeedsASecondReviewer() {
		ReviewItem item = held(7, 2, ReviewItem.Status.PENDING);

		assertThat(item.decide(7, false, new Verdict("block", List.of("porn"), null), NOW))
			.isEqualTo(ReviewOutcome.NEEDS_MORE);
		assertThat(item.status()).isEqualTo(ReviewItem.Status.PENDING);
		assertThat(item.heldBy(7, NOW)).isFalse();
	}

	@Test
	void doubleReviewAgreementIsFinalWithTheUnionOfLabels() {
		ReviewItem first = held(7, 2, ReviewItem.Status.PENDING);
		first.decide(7, false, new Verdict("block", List.of("porn"), "a"), NOW);
		ReviewItem second = new ReviewItem(1, 10, "txt1", ContentKind.TEXT, ReviewItem.Status.PENDING, 8L,
				NOW.plusSeconds(300), 2, List.of("abuse", "porn"),
				List.of(new ReviewItem.Decision(7, new Verdict("block", List.of("porn"), "a"), false, NOW)));

		assertThat(second.decide(8, false, new Verdict("block", List.of("abuse"), "b"), NOW))
			.isEqualTo(ReviewOutcome.FINAL);
		assertThat(second.finalVerdict().labels()).containsExactly("porn", "abuse");
		assertThat(second.humanDecisions()).isEqualTo(2);
	}

	@Test
	void doubleReviewDisagreementEscalatesAndOnlyALeadDecides() {
		ReviewItem item = new ReviewItem(1, 10, "txt1", ContentKind.TEXT, ReviewItem.Status.PENDING, 8L,
				NOW.plusSeconds(300), 2, List.of("abuse"),
				List.of(new ReviewItem.Decision(7, new Verdict("pass", List.of(), null), false, NOW)));

		assertThat(item.decide(8, false, new Verdict("block", List.of("abuse"), null), NOW))
			.isEqualTo(ReviewOutcome.ESCALATED);
		assertThat(item.status()).isEqualTo(ReviewItem.Status.ESCALATED);

		ReviewItem escalatedHeldByReviewer = new ReviewItem(1, 10, "txt1", ContentKind.TEXT,
				ReviewItem.Status.ESCALATED, 9L, NOW.plusSeconds(300), 2, List.of("abuse"), List.of());
		assertThatThrownBy(() -> escalatedHeldByReviewer.decide(9, false, new Verdict("pass", List.of(), null), NOW))
			.isInstanceOf(ReviewNotHeld.class);
		assertThat(escalatedHeldByReviewer.decide(9, true, new Verdict("pass", List.of(), "lead says ok"), NOW))
			.isEqualTo(ReviewOutcome.FINAL);
		assertThat(escalatedHeldByReviewer.finalVerdict().suggestion()).isEqualTo("pass");
	}

}
