package dev.eventagent.tools.pinecone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventagent.api.Embedder;
import dev.eventagent.api.PluginInstance;
import dev.eventagent.embedder.minilm.MiniLmPlugin;
import dev.eventagent.testing.pinecone.TestingPineconeServer;
import dev.eventagent.testkit.TestingPluginContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With the real local model (all-MiniLM-L6-v2 from the embedder-minilm plugin, 384 dimensions)
 * behind the tools: over 50 seeded developer profiles, "React and Node.js frontend expert" ranks
 * the React/Node profiles first. The vectors go through the real Pinecone client to the testing
 * server, which scores them by cosine.
 */
class LocalModelRankingTest {

    /** The five profiles a React and Node.js search should find. */
    static final Map<String, String> REACT_NODE = Map.of(
            "maya@example.com", "Frontend engineer: React with hooks and Redux, Node.js and Express APIs, TypeScript.",
            "leo@example.com", "Builds single-page apps in React and server-side rendering with Next.js on Node.js.",
            "ines@example.com", "Full-stack JavaScript: React components, Node.js microservices, REST and GraphQL.",
            "tom@example.com", "React Native and React web UI, Node.js backend for the mobile app, Jest testing.",
            "sara@example.com", "Node.js and React developer; owns the customer portal frontend and its BFF.");

    /** 45 profiles of other work, some of it near (other frontend frameworks, other backends). */
    static final List<String> OTHERS = List.of(
            "Java Spring Boot microservices, Kafka consumers and PostgreSQL.",
            "Go services on Kubernetes, gRPC APIs and Prometheus metrics.",
            "Data engineer: Spark, Airflow pipelines and a Snowflake warehouse.",
            "iOS developer: Swift, SwiftUI and Core Data.",
            "Android developer: Kotlin, Jetpack Compose and Room.",
            "Machine learning: PyTorch models, feature stores and MLflow.",
            "Database administrator: PostgreSQL tuning, replication, backups.",
            "Security engineer: threat modelling, OAuth, penetration testing.",
            "QA automation with Selenium and Cucumber for the billing system.",
            "Embedded C firmware for ARM microcontrollers and RTOS.",
            "Site reliability: Terraform, AWS, incident response and on-call.",
            "Angular frontend with RxJS and NgRx for the admin console.",
            "Vue.js and Nuxt frontend for the marketing site.",
            "Python Django REST APIs and Celery workers.",
            "Ruby on Rails monolith, Sidekiq and MySQL.",
            "C# .NET Core services and Azure Functions.",
            "Scala and Akka streaming for the pricing engine.",
            "Rust systems programming: storage engine and async runtime.",
            "Elasticsearch relevance tuning and search analytics.",
            "Network engineer: BGP, firewalls and VPN gateways.",
            "Technical writer for API documentation and developer guides.",
            "UX designer: Figma prototypes and user research.",
            "Mainframe COBOL batch jobs and DB2.",
            "Salesforce Apex and Lightning components.",
            "SAP ABAP development for finance modules.",
            "Game developer: Unity and C# gameplay systems.",
            "Computer vision with OpenCV and TensorFlow on edge devices.",
            "Blockchain smart contracts in Solidity.",
            "Hadoop cluster administration and Hive queries.",
            "ClickHouse analytics and Grafana dashboards.",
            "Linux kernel drivers and performance profiling.",
            "Release engineering: Jenkins, Gradle builds and artifact repositories.",
            "Payments backend: Java, ISO 8583 and card issuer integrations.",
            "Natural language processing: transformers and text classification.",
            "Terraform modules and Ansible playbooks for on-prem servers.",
            "PHP Laravel e-commerce backend and MySQL.",
            "Elixir Phoenix services with PostgreSQL.",
            "Haskell compilers and type systems research.",
            "Accessibility specialist auditing WCAG compliance.",
            "Swift server-side with Vapor.",
            "Kafka platform team: brokers, Connect and schema registry.",
            "Observability: OpenTelemetry tracing and Jaeger.",
            "MongoDB data modelling and aggregation pipelines.",
            "R statistics and Shiny dashboards for finance.",
            "Hardware verification with SystemVerilog and UVM.");

    private static TestingPineconeServer server;
    private static PluginInstance minilm;
    private static PluginInstance pinecone;

    @BeforeAll
    static void seed() {
        MiniLmPlugin plugin = new MiniLmPlugin();
        minilm = plugin.create(TestingPluginContext.of(plugin, Map.of()));
        Embedder local = minilm.embedders().stream().filter(e -> e.name().equals("local-minilm")).findFirst()
                .orElseThrow(() -> new AssertionError("the embedder-minilm plugin provides no local-minilm embedder"));
        server = new TestingPineconeServer();
        server.createIndex(TestingPineconeServer.INDEX, local.dimension());
        pinecone = PineconeFixture.create(server, local, Map.of());
        int i = 0;
        for (Map.Entry<String, String> profile : REACT_NODE.entrySet()) {
            upsert(profile.getKey(), profile.getValue());
        }
        for (String text : OTHERS) {
            upsert("dev" + (i++) + "@example.com", text);
        }
    }

    private static void upsert(String email, String text) {
        PineconeFixture.call(pinecone, "upsert_developer_embedding",
                Map.of("developer_email", email, "profile_text", text), "seed-" + email);
    }

    @AfterAll
    static void close() {
        if (pinecone != null) {
            pinecone.close();
        }
        if (server != null) {
            server.close();
        }
        if (minilm != null) {
            minilm.close();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reactAndNodeProfilesRankFirst() {
        assertThat(server.vectorCount(TestingPineconeServer.INDEX, PineconeFixture.DEVELOPERS)).isEqualTo(50);

        List<Map<String, Object>> matches = (List<Map<String, Object>>) PineconeFixture.call(pinecone,
                "search_similar_developers_vector", Map.of("query", "React and Node.js frontend expert", "top_k", 10),
                "search").value().get("matches");

        List<Object> emails = new ArrayList<>(matches.stream().map(m -> m.get("email")).toList());
        assertThat(emails.subList(0, REACT_NODE.size())).as("the top five of " + matches)
                .containsExactlyInAnyOrderElementsOf(REACT_NODE.keySet());
        assertThat(Set.copyOf(emails.subList(REACT_NODE.size(), emails.size())))
                .doesNotContainAnyElementsOf(REACT_NODE.keySet());
        assertThat(matches.get(0).get("embedder")).isNull(); // the embedder is named once, at the top level
        System.out.println("local-minilm ranking: " + matches.stream()
                .map(m -> m.get("email") + "=" + m.get("score")).toList());
    }
}
