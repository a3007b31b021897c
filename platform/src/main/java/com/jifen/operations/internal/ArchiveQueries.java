package com.jifen.operations.internal;

import io.r2dbc.postgresql.codec.Json;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SQL of a township's archive, run as the platform role: exporting its rows and evidence files, the export
 * records, deleting the township after an export, and restoring it through a staging table. Table names come from
 * {@link TownshipTables} (the catalog), never from a request.
 */
final class ArchiveQueries {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ArchiveQueries() {}

  record EvidenceFile(UUID id, String fileName, byte[] content) {}

  /** An export as recorded: its township, the archive's checksum and the manifest by file name. */
  record ExportRecord(String township, String sha256, Map<String, ExportTownship.ManifestEntry> manifest) {}

  /** Every later statement of the transaction reads the same snapshot, so the manifest describes exactly the archive. */
  static Mono<Void> readOneSnapshot(DatabaseClient db) {
    return db.sql("set transaction isolation level repeatable read, read only").then();
  }

  /** The township's rows of a table, one JSON text each as row_to_json writes it. */
  static Flux<String> rowsAsJson(DatabaseClient db, String table, String township) {
    return db.sql("select row_to_json(t)::text as j from " + table + " t where tenant_id = :t")
        .bind("t", township).map(r -> r.get("j", String.class)).all();
  }

  /** The township's evidence files that have content. */
  static Flux<EvidenceFile> evidenceFiles(DatabaseClient db, String township) {
    return db.sql("select evidence_id, file_name, content from evidence where tenant_id = :t and content is not null")
        .bind("t", township)
        .map(r -> new EvidenceFile(r.get("evidence_id", UUID.class), r.get("file_name", String.class), r.get("content", byte[].class)))
        .all();
  }

  static Mono<Long> recordExport(DatabaseClient db, UUID id, String township, String fileName, long size, String sha256,
      List<ExportTownship.ManifestEntry> manifest, String by, Instant createdAt) {
    return db.sql("insert into township_export (export_id, township_code, file_name, size_bytes, "
            + "sha256, manifest, created_by, created_at) values (:id, :t, :f, :s, :h, :m, :by, :at)")
        .bind("at", createdAt)
        .bind("id", id).bind("t", township).bind("f", fileName).bind("s", size).bind("h", sha256)
        .bind("m", Json.of(JSON.writeValueAsString(manifest))).bind("by", by)
        .fetch().rowsUpdated();
  }

  /** The archive's file name of an export, if it was recorded. */
  static Mono<String> exportFileName(DatabaseClient db, UUID exportId) {
    return db.sql("select file_name from township_export where export_id = :id").bind("id", exportId)
        .map(r -> r.get("file_name", String.class)).one();
  }

  @SuppressWarnings("unchecked")
  static Mono<ExportRecord> export(DatabaseClient db, UUID exportId) {
    return db.sql("select township_code, sha256, manifest from township_export where export_id = :id").bind("id", exportId)
        .map(r -> {
          Map<String, ExportTownship.ManifestEntry> manifest = new HashMap<>();
          for (Map<String, Object> m : (List<Map<String, Object>>) JSON.readValue(r.get("manifest", Json.class).asString(), List.class)) {
            manifest.put((String) m.get("file"), new ExportTownship.ManifestEntry((String) m.get("file"),
                ((Number) m.get("rows")).longValue(), (String) m.get("sha256")));
          }
          return new ExportRecord(r.get("township_code", String.class), r.get("sha256", String.class), manifest);
        })
        .one();
  }

  /** Whether the export is of this township and the township was not deleted after it. */
  static Mono<Boolean> exportStillCovers(DatabaseClient db, UUID exportId, String township) {
    return db.sql("select count(*) as n from township_export where export_id = :id and township_code = :t and deleted_at is null")
        .bind("id", exportId).bind("t", township).map(r -> r.get("n", Long.class) > 0).one();
  }

  static Mono<Long> deleteRows(DatabaseClient db, String table, String township) {
    return db.sql("delete from " + table + " where tenant_id = :t").bind("t", township).fetch().rowsUpdated();
  }

  static Mono<Long> forgetOnboardings(DatabaseClient db, String township) {
    return db.sql("delete from onboarding where township_code = :t").bind("t", township).fetch().rowsUpdated();
  }

  static Mono<Long> markDeleted(DatabaseClient db, UUID exportId, String by, Instant deletedAt) {
    return db.sql("update township_export set deleted_by = :by, deleted_at = :at where export_id = :id")
        .bind("by", by).bind("at", deletedAt).bind("id", exportId).fetch().rowsUpdated();
  }

  /** The restore's staging table: archived lines per table, gone at commit. */
  static Mono<Void> createStaging(DatabaseClient db) {
    return db.sql("create temporary table restore_row (tbl text not null, line text not null) on commit drop").then();
  }

  static Mono<Long> stage(DatabaseClient db, String table, List<String> lines) {
    return db.sql("insert into restore_row (tbl, line) select :tbl, unnest(:lines::text[])")
        .bind("tbl", table).bind("lines", lines.toArray(String[]::new)).fetch().rowsUpdated();
  }

  /** Staged lines of a table that belong to another township (or to none). */
  static Mono<Long> stagedOfOtherTownships(DatabaseClient db, String table, String township) {
    return db.sql("select count(*) as n from restore_row where tbl = :tbl and (line::json ->> 'tenant_id') is distinct from :t")
        .bind("tbl", table).bind("t", township).map(r -> r.get("n", Long.class)).one();
  }

  /** A table's staged lines as rows, through json_populate_record (the inverse of row_to_json). */
  static Mono<Long> insertStaged(DatabaseClient db, String table) {
    return db.sql("insert into " + table + " select (json_populate_record(null::" + table + ", line::json)).* from restore_row "
            + "where tbl = :tbl")
        .bind("tbl", table).fetch().rowsUpdated();
  }

  /** Rows in the table and not staged, plus staged lines not in the table (as multisets of row texts). */
  static Mono<Long> differencesFromStaged(DatabaseClient db, String table, String township) {
    return db.sql("select (select count(*) from (select row_to_json(t)::text from " + table + " t where tenant_id = :t "
            + "except all select line from restore_row where tbl = :tbl) a) + (select count(*) from (select line from restore_row "
            + "where tbl = :tbl except all select row_to_json(t)::text from " + table + " t where tenant_id = :t) b) as n")
        .bind("t", township).bind("tbl", table).map(r -> r.get("n", Long.class)).one();
  }
}
