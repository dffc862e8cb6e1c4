/**
 * The Pinecone testing server: {@link dev.eventagent.testing.pinecone.TestingPineconeServer}, a
 * protocol-level stand-in (not Pinecone) that the real {@code io.pinecone:pinecone-client} talks
 * to over gRPC and HTTP on 127.0.0.1. Needs {@code io.pinecone:pinecone-client} on the test
 * classpath (an optional dependency of agent-testkit).
 */
package dev.eventagent.testing.pinecone;
