package com.jifen.operations.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The township tables, read from the catalog (every table with a tenant_id column), in an order in which each table
 * comes after the tables it references: export reads them in this order, deletion deletes in reverse. From the
 * catalog, so a table another feature adds is exported and deleted without code changes here.
 */
final class TownshipTables {
  private TownshipTables() {}

  static Mono<List<String>> inDependencyOrder(DatabaseClient db) {
    Mono<List<String>> tables = db.sql("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
            + "join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped "
            + "where n.nspname = 'public' and c.relkind = 'r' order by c.relname")
        .map(r -> r.get("relname", String.class)).all().collectList();
    Mono<List<String[]>> references = db.sql("select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent "
            + "from pg_constraint c where c.contype = 'f' and c.conrelid <> c.confrelid")
        .map(r -> new String[] {r.get("child", String.class), r.get("parent", String.class)}).all().collectList();
    return Mono.zip(tables, references).map(t -> order(t.getT1(), t.getT2()));
  }

  private static List<String> order(List<String> tables, List<String[]> references) {
    Set<String> township = new HashSet<>(tables);
    Map<String, Set<String>> parents = new HashMap<>();
    tables.forEach(t -> parents.put(t, new HashSet<>()));
    for (String[] r : references) {
      if (township.contains(r[0]) && township.contains(r[1])) {
        parents.get(r[0]).add(r[1]);
      }
    }
    LinkedHashSet<String> ordered = new LinkedHashSet<>();
    while (ordered.size() < tables.size()) {
      int before = ordered.size();
      for (String t : tables) {
        if (!ordered.contains(t) && ordered.containsAll(parents.get(t))) {
          ordered.add(t);
        }
      }
      if (ordered.size() == before) {
        throw new IllegalStateException("township tables reference each other in a cycle: " + parents);
      }
    }
    return new ArrayList<>(ordered);
  }
}
