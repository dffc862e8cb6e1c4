/**
 * Local servers for every backend the plugins talk to, and the single-node Kafka broker: real
 * engines where they can run embedded (Neo4j, PostgreSQL, Kafka, ClickHouse as a child process)
 * and protocol-level stand-ins for the SaaS (Slack, GitHub, Jira, Pinecone, an OpenAI-compatible
 * model), each on 127.0.0.1. No JUnit here: the demo runs them too. Each server's libraries are
 * optional dependencies of this module, declared again by the module that starts that server.
 */
package dev.eventagent.testing;
