package dev.vetter.policy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.vetter.policy.Library;
import dev.vetter.policy.LibraryAction;
import dev.vetter.policy.LibraryKind;

@Repository
public class Libraries {

	private static final String SELECT = """
			select l.id, l.tenant_id, l.name, l.kind, l.action, l.created_at,
			       (select count(*) from library_entries e where e.library_id = l.id) as entries
			from libraries l
			""";

	private final JdbcClient jdbc;

	Libraries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long create(long tenantId, String name, LibraryKind kind, LibraryAction action) {
		return jdbc.sql("""
				insert into libraries (tenant_id, name, kind, action) values (:t, :name, :kind, :action)
				on conflict (tenant_id, name) do nothing
				returning id
				""")
			.param("t", tenantId)
			.param("name", name)
			.param("kind", kind.name())
			.param("action", action.name())
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

	@FunctionalInterface
	public interface EntryConsumer {

		void accept(long libraryId, String term);

	}

	private static Library map(ResultSet rs, int row) throws SQLException {
		return new Library(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
				LibraryKind.valueOf(rs.getString("kind")), LibraryAction.valueOf(rs.getString("action")),
				rs.getLong("entries"), rs.getTimestamp("created_at").toInstant());
	}

}
