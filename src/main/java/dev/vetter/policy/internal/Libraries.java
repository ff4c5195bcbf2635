package dev.vetter.policy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.detection.PdqHash;
import dev.vetter.policy.ImageEntry;
import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibraryKind;

@Repository
public class Libraries {

	private static final String SELECT = """
			select l.id, l.tenant_id, l.name, l.kind, l.action, l.created_at, l.max_distance,
			       case when l.kind = 'IMAGE'
			            then (select count(*) from image_library_entries e where e.library_id = l.id)
			            else (select count(*) from library_entries e where e.library_id = l.id) end as entries
			from libraries l
			""";

	private final JdbcClient jdbc;

	Libraries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The new library's id, or -1 when the tenant has one of that name. */
	public long create(long tenantId, String name, LibraryKind kind, LibraryAction action, Integer maxDistance) {
		return jdbc.sql("""
				insert into libraries (tenant_id, name, kind, action, max_distance)
				values (:t, :name, :kind, :action, :distance)
				on conflict (tenant_id, name) do nothing
				returning id
				""")
			.param("t", tenantId)
			.param("name", name)
			.param("kind", kind.name())
			.param("action", action.name())
			.param("distance", maxDistance, java.sql.Types.SMALLINT)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	public Optional<Library> byId(long tenantId, long id) {
		return jdbc.sql(SELECT + " where l.tenant_id = :t and l.id = :id")
			.param("t", tenantId)
			.param("id", id)
			.query(Libraries::map)
			.optional();
	}

	public Optional<Library> byName(long tenantId, String name) {
		return jdbc.sql(SELECT + " where l.tenant_id = :t and l.name = :name")
			.param("t", tenantId)
			.param("name", name)
			.query(Libraries::map)
			.optional();
	}

	public List<Library> of(long tenantId) {
		return jdbc.sql(SELECT + " where l.tenant_id = :t order by l.id")
			.param("t", tenantId)
			.query(Libraries::map)
			.list();
	}

	public boolean delete(long tenantId, long id) {
		return jdbc.sql("delete from libraries where tenant_id = :t and id = :id")
			.param("t", tenantId)
			.param("id", id)
			.update() > 0;
	}

	/** Adds terms, skipping ones already present; returns how many were new. */
	public int addEntries(long libraryId, List<String> terms) {
		return jdbc.sql("""
				insert into library_entries (library_id, term)
				select :lib, t from unnest(cast(:terms as text[])) as t
				on conflict (library_id, term) do nothing
				""").param("lib", libraryId).param("terms", terms.toArray(String[]::new)).update();
	}

	public int removeEntries(long libraryId, List<String> terms) {
		return jdbc.sql("delete from library_entries where library_id = :lib and term = any(cast(:terms as text[]))")
			.param("lib", libraryId)
			.param("terms", terms.toArray(String[]::new))
			.update();
	}

	public List<String> entries(long libraryId, int offset, int limit) {
		return jdbc.sql("select term from library_entries where library_id = :lib order by id offset :o limit :l")
			.param("lib", libraryId)
			.param("o", offset)
			.param("l", limit)
			.query(String.class)
			.list();
	}

	/** Every (library, term) of a tenant's libraries of one kind. */
	public void forEachEntry(long tenantId, LibraryKind kind, EntryConsumer consumer) {
		jdbc.sql("""
				select e.library_id, e.term from library_entries e join libraries l on l.id = e.library_id
				where l.tenant_id = :t and l.kind = :kind
				""").param("t", tenantId).param("kind", kind.name()).query(rs -> {
			consumer.accept(rs.getLong(1), rs.getString(2));
		});
	}

	/**
	 * Adds an image hash unless the library holds it already; the entry's id and whether
	 * it is new.
	 */
	public StoredImage addImage(long libraryId, PdqHash hash, String source, String sha256) {
		byte[] bytes = bytes(hash);
		Long id = jdbc.sql("""
				insert into image_library_entries (library_id, hash, quality, source, sha256)
				values (:lib, :hash, :quality, :source, :sha)
				on conflict (library_id, hash) do nothing
				returning id
				""")
			.param("lib", libraryId)
			.param("hash", bytes)
			.param("quality", hash.quality())
			.param("source", source)
			.param("sha", sha256)
			.query(Long.class)
			.optional()
			.orElse(null);
		if (id != null) {
			return new StoredImage(id, true);
		}
		return new StoredImage(jdbc.sql("select id from image_library_entries where library_id = :lib and hash = :hash")
			.param("lib", libraryId)
			.param("hash", bytes)
			.query(Long.class)
			.single(), false);
	}

	/**
	 * An image entry's id and whether it was added (false: the library held the hash).
	 */
	public record StoredImage(long id, boolean added) {
	}

	public List<ImageEntry> imageEntries(long libraryId, int offset, int limit) {
		return jdbc.sql("""
				select id, hash, quality, source, created_at from image_library_entries where library_id = :lib
				order by id offset :o limit :l
				""")
			.param("lib", libraryId)
			.param("o", offset)
			.param("l", limit)
			.query((rs, n) -> ImageEntry.of(rs.getLong(1), hash(rs.getBytes(2), rs.getInt(3)).toHex(), rs.getInt(3),
					rs.getString(4), rs.getTimestamp(5).toInstant()))
			.list();
	}

	/** Removes entries by id; returns how many there were. */
	public int removeImages(long libraryId, List<Long> ids) {
		return jdbc
			.sql("delete from image_library_entries where library_id = :lib and id = any(cast(:ids as bigint[]))")
			.param("lib", libraryId)
			.param("ids", ids.toArray(Long[]::new))
			.update();
	}

	/** Removes entries by hash; returns how many there were. */
	public int removeImageHashes(long libraryId, List<PdqHash> hashes) {
		return jdbc.sql("""
				delete from image_library_entries
				where library_id = :lib and hash in (select decode(h, 'hex') from unnest(cast(:hashes as text[])) h)
				""")
			.param("lib", libraryId)
			.param("hashes", hashes.stream().map(PdqHash::toHex).toArray(String[]::new))
			.update();
	}

	/** Every hash of a tenant's IMAGE libraries. */
	public void forEachImage(long tenantId, ImageConsumer consumer) {
		jdbc.sql("""
				select e.library_id, e.id, e.hash, e.quality from image_library_entries e
				join libraries l on l.id = e.library_id
				where l.tenant_id = :t and l.kind = 'IMAGE'
				""").param("t", tenantId).query(rs -> {
			consumer.accept(rs.getLong(1), rs.getLong(2), hash(rs.getBytes(3), rs.getInt(4)));
		});
	}

	@FunctionalInterface
	public interface ImageConsumer {

		void accept(long libraryId, long entryId, PdqHash hash);

	}

	/** The hash as stored: 32 bytes, big-endian, as its hex form reads. */
	static byte[] bytes(PdqHash hash) {
		byte[] out = new byte[32];
		for (int w = 0; w < 4; w++) {
			long word = hash.word(3 - w);
			for (int b = 0; b < 8; b++) {
				out[w * 8 + b] = (byte) (word >>> (56 - 8 * b));
			}
		}
		return out;
	}

	static PdqHash hash(byte[] bytes, int quality) {
		long[] words = new long[4];
		for (int w = 0; w < 4; w++) {
			long word = 0;
			for (int b = 0; b < 8; b++) {
				word = (word << 8) | (bytes[w * 8 + b] & 0xff);
			}
			words[3 - w] = word;
		}
		return PdqHash.of(words, quality);
	}

	@FunctionalInterface
	public interface EntryConsumer {

		void accept(long libraryId, String term);

	}

	private static Library map(ResultSet rs, int row) throws SQLException {
		return new Library(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
				LibraryKind.valueOf(rs.getString("kind")), LibraryAction.valueOf(rs.getString("action")),
				rs.getLong("entries"), rs.getTimestamp("created_at").toInstant(),
				(Integer) rs.getObject("max_distance", Integer.class));
	}

}
