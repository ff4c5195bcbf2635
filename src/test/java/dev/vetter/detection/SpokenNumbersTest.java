package dev.vetter.detection;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpokenNumbersTest {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			call me at five five five zero one nine nine           | call me at 5550199
			five five five zero one nine nine cheap pills          | 5550199 cheap pills
			double five triple seven                               | 55777
			call double five oh one                                | call 5501
			nineteen eighty four                                   | 1984
			two hundred and fifty                                  | 250
			two hundred fifty                                      | 250
			five hundred five                                      | 505
			five hundred five five                                 | 50055
			one thousand two hundred                               | 1200
			two thousand and five                                  | 2005
			two thousand five                                      | 2005
			two thousand twenty one                                | 2021
			twenty one                                             | 21
			twenty twenty                                          | 2020
			ten                                                    | 10
			""")
	void writesSpokenNumbersAsDigits(String spoken, String expected) {
		assertThat(SpokenNumbers.normalize(spoken).text()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			five for five five                                     | 5455
			five free oh one                                       | 5301
			one two too                                            | 122
			five five free                                         | 553
			oh five five five                                      | 0555
			five oh oh five                                        | 5005
			nine to five                                           | 925
			""")
	void readsLookAlikesAsDigitsNextToDigits(String spoken, String expected) {
		assertThat(SpokenNumbers.normalize(spoken).text()).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			free pills for you today                               | free pills for you today
			oh no i want to go too                                 | oh no i want to go too
			for five dollars                                       | for 5 dollars
			up to five five five                                   | up to 555
			i'll be up to five five five zero one nine nine        | i'll be up to 5550199
			won the game                                           | won the game
			the double room                                        | the double room
			bread and butter                                       | bread and butter
			five free pills                                        | 5 free pills
			""")
	void leavesLookAlikesAloneAwayFromDigitRuns(String spoken, String expected) {
		assertThat(SpokenNumbers.normalize(spoken).text()).isEqualTo(expected);
	}

	@Test
	void mapsEveryTokenBackToItsWordsAndTimes() {
		List<Transcript.Word> words = List.of(word("call", 0.0, 0.3), word("five", 0.4, 0.6), word("five", 0.7, 0.9),
				word("five", 1.0, 1.2), word("oh", 1.3, 1.4), word("one", 1.5, 1.7), word("cheap", 2.0, 2.3),
				word("pills", 2.4, 2.8));

		SpokenText spoken = SpokenNumbers.normalize(words);

		assertThat(spoken.text()).isEqualTo("call 55501 cheap pills");
		assertThat(spoken.tokens()).extracting(SpokenText.Token::text)
			.containsExactly("call", "55501", "cheap", "pills");
		SpokenText.Token number = spoken.tokens().get(1);
		assertThat(number.start()).isEqualTo(5);
		assertThat(number.end()).isEqualTo(10);
		assertThat(number.firstWord()).isEqualTo(1);
		assertThat(number.lastWord()).isEqualTo(5);
		assertThat(number.startSeconds()).isEqualTo(0.4);
		assertThat(number.endSeconds()).isEqualTo(1.7);
		assertThat(number.isNumber()).isTrue();
		assertThat(spoken.tokens().get(0).isNumber()).isFalse();

		// a hit on part of the digits maps to the whole run; a hit across tokens to both
		int digits = spoken.text().indexOf("555");
		assertThat(spoken.spanOf(digits, digits + 3)).isEqualTo(new SpokenText.Span(1, 5, 0.4, 1.7));
		int pills = spoken.text().indexOf("pills");
		assertThat(spoken.spanOf(digits, pills + 5)).isEqualTo(new SpokenText.Span(1, 7, 0.4, 2.8));
		assertThat(spoken.spanOf(0, 4)).isEqualTo(new SpokenText.Span(0, 0, 0.0, 0.3));
		assertThatThrownBy(() -> spoken.spanOf(4, 5)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> spoken.spanOf(0, 99)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void keepsTheWordsOwnSpellingOutsideNumbers() {
		SpokenText spoken = SpokenNumbers
			.normalize(List.of(word("Call", 0, 1), word("FIVE", 1, 2), word("five", 2, 3)));
		assertThat(spoken.text()).isEqualTo("Call 55");
	}

	@Test
	void handlesEmptyInput() {
		assertThat(SpokenNumbers.normalize("  ").text()).isEmpty();
		assertThat(SpokenNumbers.normalize(List.of()).tokens()).isEmpty();
	}

	private static Transcript.Word word(String text, double start, double end) {
		return new Transcript.Word(text, start, end, 1.0);
	}

}
