import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic test data for bench/text-scan.sh (run as a single-file program: {@code java bench/BenchData.java}).
 * <p>
 * Writes into the output directory:
 * <ul>
 * <li>{@code entries-NNN.json}: {@code {"entries":[...]}} bodies of at most 10,000 library terms each;</li>
 * <li>{@code bodies.tsv}: one line per text, {@code Content-MD5 TAB JSON body} of a Green text scan request.</li>
 * </ul>
 * Terms are pronounceable pseudo-words of 3-10 letters (about 10% are two-word phrases), each with at least one
 * letter from n-z. The filler of every text uses only the letters a-m, so no text can contain a term by
 * accident, whether the engine matches whole words or substrings; {@code hitPercent} of the texts get exactly
 * one library term inserted as a word, the rest should pass (if the built-in lexicons and rules leave them alone).
 * Same arguments, same seed: same bytes.
 */
public class BenchData {

	private static final String FILLER_CONSONANTS = "bcdfghjklm";

	private static final String FILLER_VOWELS = "aei";

	private static final String CONSONANTS = "bcdfghjklmnprstvwz";

	private static final String VOWELS = "aeiou";

	public static void main(String[] args) throws Exception {
		int terms = 10_000;
		int texts = 1_000;
		int length = 200;
		int hitPercent = 10;
		long seed = 20240601L;
		Path out = Path.of(".");
		for (int i = 0; i + 1 < args.length; i += 2) {
			switch (args[i]) {
				case "--terms" -> terms = Integer.parseInt(args[i + 1]);
				case "--texts" -> texts = Integer.parseInt(args[i + 1]);
				case "--length" -> length = Integer.parseInt(args[i + 1]);
				case "--hit-percent" -> hitPercent = Integer.parseInt(args[i + 1]);
				case "--seed" -> seed = Long.parseLong(args[i + 1]);
				case "--out" -> out = Path.of(args[i + 1]);
				default -> throw new IllegalArgumentException("unknown option " + args[i]);
			}
		}
		if (terms < 1 || texts < 1 || length < 20 || hitPercent < 0 || hitPercent > 100) {
			throw new IllegalArgumentException("need terms >= 1, texts >= 1, length >= 20, 0 <= hit-percent <= 100");
		}
		Files.createDirectories(out);
		Random random = new Random(seed);

		Set<String> library = new LinkedHashSet<>();
		while (library.size() < terms) {
			String term = random.nextInt(10) == 0 ? word(random, 3, 7, CONSONANTS, VOWELS) + " " + word(random, 3, 7, CONSONANTS, VOWELS)
					: word(random, 3, 10, CONSONANTS, VOWELS);
			if (term.chars().anyMatch(c -> c >= 'n' && c <= 'z')) {
				library.add(term);
			}
		}
		List<String> termList = new ArrayList<>(library);
		int chunk = 0;
		for (int from = 0; from < termList.size(); from += 10_000) {
			List<String> part = termList.subList(from, Math.min(termList.size(), from + 10_000));
			StringBuilder json = new StringBuilder("{\"entries\":[");
			for (int i = 0; i < part.size(); i++) {
				json.append(i == 0 ? "" : ",").append('"').append(part.get(i)).append('"');
			}
			json.append("]}");
			Files.writeString(out.resolve(String.format("entries-%03d.json", chunk++)), json, StandardCharsets.UTF_8);
		}

		MessageDigest md5 = MessageDigest.getInstance("MD5");
		int hits = 0;
		try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("bodies.tsv"), StandardCharsets.UTF_8))) {
			for (int t = 0; t < texts; t++) {
				boolean hit = (long) t * hitPercent / 100 != (long) (t + 1) * hitPercent / 100; // spread evenly
				String text = text(random, length, hit ? termList.get(random.nextInt(termList.size())) : null);
				hits += hit ? 1 : 0;
				String body = "{\"scenes\":[\"antispam\"],\"tasks\":[{\"dataId\":\"b" + t + "\",\"content\":\"" + text + "\"}]}";
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				w.print(Base64.getEncoder().encodeToString(md5.digest(bytes)));
				w.print('\t');
				w.print(body);
				w.print('\n');
			}
		}
		System.out.printf("data: %d terms in %d entries file(s), %d texts of %d chars (%d with a library term), seed %d%n",
				termList.size(), chunk, texts, length, hits, seed);
	}

	/** Filler words from a-m, then a term spliced in at a word boundary; exactly {@code length} chars. */
	private static String text(Random random, int length, String term) {
		StringBuilder sb = new StringBuilder(length + 16);
		while (sb.length() < length) {
			if (sb.length() > 0) {
				sb.append(' ');
			}
			sb.append(word(random, 2, 9, FILLER_CONSONANTS, FILLER_VOWELS));
		}
		sb.setLength(length);
		if (sb.charAt(length - 1) == ' ') {
			sb.setCharAt(length - 1, 'a');
		}
		if (term != null) {
			// " term " replaces as many characters, somewhere after the first and before the last character
			int at = 2 + random.nextInt(Math.max(1, length - term.length() - 4));
			sb.replace(at - 1, at + term.length() + 1, " " + term + " ");
		}
		return sb.toString();
	}

	private static String word(Random random, int min, int max, String consonants, String vowels) {
		int len = min + random.nextInt(max - min + 1);
		StringBuilder sb = new StringBuilder(len);
		boolean vowel = random.nextBoolean();
		while (sb.length() < len) {
			String from = vowel ? vowels : consonants;
			sb.append(from.charAt(random.nextInt(from.length())));
			vowel = !vowel || random.nextInt(4) == 0;
		}
		return sb.toString();
	}
}
