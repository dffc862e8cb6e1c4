/**
 * The Neo4j testing server: an embedded Neo4j 5.26 reached over Bolt on 127.0.0.1. Its classes
 * need the optional {@code org.neo4j:neo4j} dependency (the embedded database) on the classpath.
 */
package dev.eventagent.testing.neo4j;
