package dev.eventagent.tools.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.tools.postgres.PostgresSettings.VectorIndexKind;
import org.junit.jupiter.api.Test;

/**
 * The SQL of both vector modes. The testing server has no pgvector (Debian 12 and the embedded
 * binaries do not ship it), so the pgvector statements are checked here as text; the fallback's
 * SQL also runs against the server in SimilarityToolsTest.
 */
class VectorSearchSqlTest {

    @Test
    void pgvectorMirrorsTheRealArrayInAGeneratedColumn() {
        assertThat(new PgVectorSearch(VectorIndexKind.HNSW).bootstrapStatements()).containsExactly(
                "ALTER TABLE profile_embeddings ADD COLUMN IF NOT EXISTS embedding_vector vector"
                        + " GENERATED ALWAYS AS (CAST(embedding AS vector)) STORED");
    }

    @Test
    void pgvectorBuildsOnePartialIndexPerDimension() {
        assertThat(new PgVectorSearch(VectorIndexKind.HNSW).indexStatements(384)).containsExactly(
                "CREATE INDEX IF NOT EXISTS profile_embeddings_hnsw_384 ON profile_embeddings USING hnsw"
                        + " ((CAST(embedding_vector AS vector(384))) vector_cosine_ops) WHERE dimension = 384");
        assertThat(new PgVectorSearch(VectorIndexKind.IVFFLAT).indexStatements(1536)).containsExactly(
                "CREATE INDEX IF NOT EXISTS profile_embeddings_ivfflat_1536 ON profile_embeddings USING ivfflat"
                        + " ((CAST(embedding_vector AS vector(1536))) vector_cosine_ops) WITH (lists = 100)"
                        + " WHERE dimension = 1536");
    }

    @Test
    void pgvectorSearchOrdersByTheIndexedExpressionSoTheIndexServesIt() {
        PgVectorSearch search = new PgVectorSearch(VectorIndexKind.HNSW);
        String sql = search.searchSql(384);
        assertThat(sql).isEqualTo("SELECT e.email, p.name,"
                + " 1 - (CAST(e.embedding_vector AS vector(384)) <=> CAST(CAST(? AS real[]) AS vector(384))) AS score"
                + " FROM profile_embeddings e LEFT JOIN user_profiles p ON p.email = e.email"
                + " WHERE e.dimension = 384 AND e.embedder = ?"
                + " ORDER BY CAST(e.embedding_vector AS vector(384)) <=> CAST(CAST(? AS real[]) AS vector(384))"
                + " LIMIT ?");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(4);
        // the index expression and the WHERE of the partial index appear verbatim in the query
        String index = search.indexStatements(384).get(0);
        assertThat(sql).contains("CAST(e.embedding_vector AS vector(384)) <=>");
        assertThat(index).contains("CAST(embedding_vector AS vector(384))").endsWith("WHERE dimension = 384");
        assertThat(sql).contains("WHERE e.dimension = 384");
    }

    @Test
    void pgvectorWidensTheScanForLargeTopK() {
        assertThat(new PgVectorSearch(VectorIndexKind.HNSW).searchSettings(5))
                .containsExactly("SET LOCAL hnsw.ef_search = 40");
        assertThat(new PgVectorSearch(VectorIndexKind.HNSW).searchSettings(50))
                .containsExactly("SET LOCAL hnsw.ef_search = 50");
        assertThat(new PgVectorSearch(VectorIndexKind.IVFFLAT).searchSettings(5))
                .containsExactly("SET LOCAL ivfflat.probes = 10");
        assertThat(new PgVectorSearch(VectorIndexKind.IVFFLAT).name()).isEqualTo("pgvector-ivfflat");
    }

    @Test
    void theFallbackComputesCosineInSqlOverTheRowsOfOneSpace() {
        ExactCosineSearch search = new ExactCosineSearch();
        String sql = search.searchSql(64);
        assertThat(sql).contains("sum(a * b) / NULLIF(sqrt(sum(a * a)) * sqrt(sum(b * b)), 0)")
                .contains("WHERE e.dimension = 64 AND e.embedder = ?")
                .contains("ORDER BY s.score DESC NULLS LAST, e.email");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(3);
        assertThat(search.bootstrapStatements()).isEmpty();
        assertThat(search.indexStatements(64)).isEmpty();
        assertThat(search.searchSettings(50)).isEmpty();
    }
}
