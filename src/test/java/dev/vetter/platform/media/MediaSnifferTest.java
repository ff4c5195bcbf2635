package dev.vetter.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Magic numbers of every supported format, and near misses that must not pass. */
class MediaSnifferTest {

	private static byte[] bytes(int... b) {
		byte[] out = new byte[b.length];
		for (int i = 0; i < b.length; i++) {
			out[i] = (byte) b[i];
		}
		return out;
	}

	private static byte[] ascii(String s, int padTo) {
		return Arrays.copyOf(s.getBytes(StandardCharsets.ISO_8859_1), Math.max(padTo, s.length()));
	}

	private static Optional<MediaType> sniff(byte[] b) {
		return MediaSniffer.sniff(b);
	}

	@Test
	void recognisesImagesFromRealEncoderOutput() {
		assertThat(sniff(MediaFetcherTest.image("png"))).contains(MediaType.PNG);
		assertThat(sniff(MediaFetcherTest.image("jpg"))).contains(MediaType.JPEG);
		assertThat(sniff(MediaFetcherTest.image("gif"))).contains(MediaType.GIF);
		assertThat(sniff(MediaFetcherTest.image("bmp"))).contains(MediaType.BMP);
	}

	@Test
	void recognisesContainersByTheirHeaders() {
		assertThat(sniff(ascii("RIFF\0\0\0\0WEBPVP8 ", 32))).contains(MediaType.WEBP);
		assertThat(sniff(ascii("RIFF\0\0\0\0WAVEfmt ", 32))).contains(MediaType.WAV);
		assertThat(sniff(ascii("RIFF\0\0\0\0AVI LIST", 32))).contains(MediaType.AVI);
		assertThat(sniff(ascii("\0\0\0\u0018ftypisom\0\0\0\0", 32))).contains(MediaType.MP4);
		assertThat(sniff(ascii("\0\0\0\u0014ftypqt  \0\0\0\0", 32))).contains(MediaType.MOV);
		assertThat(sniff(ascii("\0\0\0\u0020ftypM4A \0\0\0\0", 32))).contains(MediaType.M4A);
		byte[] ebml = bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84);
		assertThat(sniff(concat(ebml, ascii("webm", 16)))).contains(MediaType.WEBM);
		assertThat(sniff(concat(ebml, ascii("matroska", 16)))).contains(MediaType.MKV);
		assertThat(sniff(concat(ascii("FLV", 3), bytes(1, 5, 0, 0, 0, 9)))).contains(MediaType.FLV);
		assertThat(sniff(ascii("OggS\0\2", 32))).contains(MediaType.OGG);
		assertThat(sniff(ascii("fLaC\0\0\0\"", 32))).contains(MediaType.FLAC);
		assertThat(sniff(ascii("#!AMR\n", 32))).contains(MediaType.AMR);
		byte[] ts = new byte[376];
		ts[0] = 0x47;
		ts[188] = 0x47;
		assertThat(sniff(ts)).contains(MediaType.MPEG_TS);
	}

	@Test
	void recognisesMpegAudioFrames() {
		assertThat(sniff(ascii("ID3\4\0\0\0\0\0\0", 16))).contains(MediaType.MP3);
		// MPEG-1 layer III, 128 kbit/s, 44.1 kHz
		assertThat(sniff(bytes(0xFF, 0xFB, 0x90, 0x64, 0, 0))).contains(MediaType.MP3);
		// ADTS AAC (MPEG-4, no CRC)
		assertThat(sniff(bytes(0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC))).contains(MediaType.AAC);
	}

	@Test
	void refusesTextTruncatedHeadersAndNearMisses() {
		assertThat(sniff("<html><body>hello</body></html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
		assertThat(sniff(new byte[0])).isEmpty();
		assertThat(sniff(bytes(0xFF, 0xD8))).isEmpty();
		assertThat(sniff(bytes(0x89, 'P', 'N', 'G'))).isEmpty();
		assertThat(sniff(ascii("RIFF\0\0\0\0TEXT", 16))).isEmpty();
		assertThat(sniff(ascii("BM some text that is long", 32))).isEmpty();
		// a bad bitrate index (1111) is not an MPEG audio frame
		assertThat(sniff(bytes(0xFF, 0xFB, 0xF0, 0x64))).isEmpty();
		byte[] notTs = new byte[376];
		notTs[0] = 0x47;
		assertThat(sniff(notTs)).isEmpty();
	}

	@Test
	void kindsTakeTheirOwnFormats() {
		assertThat(MediaKind.IMAGE.allows(MediaType.WEBP)).isTrue();
		assertThat(MediaKind.IMAGE.allows(MediaType.MP4)).isFalse();
		assertThat(MediaKind.VIDEO.allows(MediaType.MP3)).isFalse();
		assertThat(MediaKind.AUDIO.allows(MediaType.MP3)).isTrue();
		assertThat(MediaKind.AUDIO.allows(MediaType.PNG)).isFalse();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

}
